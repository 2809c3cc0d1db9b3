using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Tests.Errors;

/// <summary>
/// Requests the portal can not serve (no Host, a method a page does not take, a form name no form has, a form
/// that can not be read) end on a Dutch page with a warning naming the reason: never a 500, a stack trace or a
/// framework's English sentence, in Development as elsewhere. The portals run on Kestrel, as in production, so raw
/// HTTP/1.0 and HEAD behave as they do there. <see cref="MalformedInputSweepTests"/> sweeps every route.
/// </summary>
public sealed partial class BadRequestsTests(BadRequestsTests.Portals portals) : IClassFixture<BadRequestsTests.Portals>
{
    private const string Category = "AveroPortal.Blazor.Errors.BadRequests";
    private const string Probe = "<x-avero-probe>";

    /// <summary>One portal per environment, on Kestrel, each with its log recorded.</summary>
    public sealed class Portals : IAsyncLifetime
    {
        private readonly Dictionary<string, (PortalFactory Factory, Uri BaseUrl, CapturedLog Log)> _portals = [];

        public (PortalFactory Factory, Uri BaseUrl, CapturedLog Log) this[string environment] => _portals[environment];

        public Task InitializeAsync()
        {
            foreach (var environment in new[] { "Development", "Testing" })
            {
                var log = new CapturedLog();
                var port = PortalFactory.FreePort();
                var factory = new PortalFactory
                {
                    EnvironmentName = environment,
                    // Development as `dotnet run` has it: eHerkenning and iDIN with their test brokers.
                    // Testing as production should have it: only the portal's own host names.
                    Settings = environment == "Development"
                        ? EHerkenningSettings.For($"http://127.0.0.1:{port}/", testBroker: true)
                        : new Dictionary<string, string> { ["AllowedHosts"] = "127.0.0.1;localhost" },
                    ConfigureServices = services => services.AddSingleton<ILoggerProvider>(log),
                };
                _portals[environment] = (factory, factory.StartKestrel(port), log);
            }

            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            foreach (var (factory, _, _) in _portals.Values)
            {
                await factory.DisposeAsync();
            }
        }
    }

    private FormClient Client(string environment) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = portals[environment].BaseUrl });

    private IEnumerable<string> Warnings(string environment) => portals[environment].Log.WarningsOf(Category);

    /// <summary>Sends bytes as they are (no client fixes the request up) and reads until the portal closes.</summary>
    private async Task<string> RawAsync(string environment, string request)
    {
        var address = portals[environment].BaseUrl;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    private static void AssertNoFrameworkText(string text)
    {
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), text);
        Assert.DoesNotContain("Cannot submit the form", text, StringComparison.Ordinal);
        Assert.DoesNotContain("does not specify which form", text, StringComparison.Ordinal);
        Assert.DoesNotContain("x-avero-probe", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bat [A-Z][\w.`]+\.\w+\(")]
    private static partial Regex StackFrame();
}
