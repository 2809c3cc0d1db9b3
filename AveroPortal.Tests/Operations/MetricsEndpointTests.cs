using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AveroPortal.Core.Operations;

namespace AveroPortal.Tests.Operations;

/// <summary>
/// The meter is the process's (every portal host in a test run sees it), so these tests run alone: the counters
/// they read move only by what they do.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics (alone)";
}

/// <summary>The Prometheus scrape on its own port: the portal's counters move with what happens, in valid exposition format.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndpointTests : IDisposable
{
    private readonly int _port = PortalFactory.FreePort();
    private readonly PortalFactory _factory;

    public MetricsEndpointTests()
    {
        var settings = EHerkenningSettings.For("http://localhost/", testBroker: true);
        settings["Avero:Metrics:Port"] = _port.ToString(CultureInfo.InvariantCulture);
        settings["Avero:Metrics:Host"] = "127.0.0.1";
        _factory = new PortalFactory { EnvironmentName = "Development", Settings = settings };
    }

    public void Dispose() => _factory.Dispose();

    private Task<string> ScrapeAsync() => ScrapeAsync(_port);

    private static async Task<string> ScrapeAsync(int port)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(string scrape, string metric, params string[] labels) => scrape.Split('\n')
        .Select(line => Sample().Match(line))
        .Where(m => m.Success && m.Groups["name"].Value == metric && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
        .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [Fact]
    public async Task LoginsCodesLockoutsAndSamlRefusalsMoveTheirCounters()
    {
        _ = _factory.Server; // starts the host, and with it the listener
        var before = await ScrapeAsync();

        var account = await _factory.CreateAccountAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await FormClient.For(_factory).LoginAsync(account)).StatusCode);

        var wrongCode = FormClient.For(_factory);
        await wrongCode.PostPasswordAsync("particulier", account.Email, account.Password);
        await wrongCode.PostCodeAsync(account.Code() == "000000" ? "111111" : "000000");

        var victim = await _factory.CreateAccountAsync();
        var guesser = FormClient.For(_factory);
        for (var i = 0; i < 6; i++)
        {
            await guesser.PostPasswordAsync("particulier", victim.Email, "Verkeerd-wachtwoord-" + i);
        }

        await _factory.CreateClient().GetAsync("/eherkenning/acs?SAMLart=AAQAAA");

        var after = await ScrapeAsync();
        double Moved(string metric, params string[] labels) => Sum(after, metric, labels) - Sum(before, metric, labels);
        Assert.Equal(1, Moved("avero_login_attempts_total", "method=\"code\"", "result=\"success\""));
        Assert.Equal(1, Moved("avero_login_attempts_total", "method=\"code\"", "result=\"wrong-code\""));
        Assert.Equal(5, Moved("avero_login_attempts_total", "method=\"password\"", "result=\"wrong-password\""));
        Assert.Equal(1, Moved("avero_login_attempts_total", "method=\"password\"", "result=\"locked-out\""));
        Assert.Equal(1, Moved("avero_lockouts_total", "method=\"password\""));
        Assert.Equal(1, Moved("avero_saml_refusals_total"));
        Assert.True(Moved("avero_password_hash_duration_seconds_count", "operation=\"verify\"") >= 7);
        Assert.Contains("avero_sessions_active", after);
        Assert.Contains("avero_circuits_open", after);
        Assert.Contains("http_server_request_duration_seconds_bucket", after);
    }

    [Fact]
    public async Task ATeDrukRefusalOfThePasswordHashGateIsCountedOnce()
    {
        var port = PortalFactory.FreePort();
        await using var factory = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Avero:Metrics:Host"] = "127.0.0.1",
                ["Avero:Security:PasswordHashing:MaxConcurrent"] = "1",
                ["Avero:Security:PasswordHashing:MaxWaitMilliseconds"] = "0",
            },
        };
        var account = await factory.CreateAccountAsync();
        var before = await ScrapeAsync(port);

        HttpResponseMessage busy;
        using (await factory.Get<Core.Login.PasswordHashing>().EnterAsync())
        {
            busy = await FormClient.For(factory).PostPasswordAsync(account.PortalSlug, account.Email, account.Password);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        var after = await ScrapeAsync(port);
        Assert.Equal(1, Sum(after, "avero_password_hash_busy_total") - Sum(before, "avero_password_hash_busy_total"));
    }

    [Fact]
    public async Task ARefusedSamlResponseIsCountedByItsReason()
    {
        _ = _factory.Server;
        var before = await ScrapeAsync();

        await _factory.CreateClient().GetAsync("/eherkenning/acs?SAMLart=AAQAAA");

        Assert.Equal(1, Sum(await ScrapeAsync(), "avero_saml_refusals_total", "reason=\"artifact\"") - Sum(before, "avero_saml_refusals_total", "reason=\"artifact\""));
    }

    [Fact]
    public async Task TheScrapePassesPromtoolAndNoLabelIsAnAddressOrAnIp()
    {
        _ = _factory.Server;
        var account = await _factory.CreateAccountAsync();
        await FormClient.For(_factory).LoginAsync(account);
        await FormClient.For(_factory).PostPasswordAsync("particulier", "onbekend@example.com", "Verkeerd-wachtwoord");
        var scrape = await ScrapeAsync();

        var values = LabelValue().Matches(scrape).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, v => v.Contains('@', StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => IPv4().IsMatch(v) || IPv6().IsMatch(v));
        Assert.DoesNotContain(account.Email, scrape);

        var (exit, output) = await PromtoolAsync(scrape);
        Assert.True(exit == 0, "promtool check metrics: " + output);
    }

    [Fact]
    public void PasskeyIsAnAllowedMethodLabel() => Assert.Contains("passkey", PortalMetrics.Methods);

    private static async Task<(int Exit, string Output)> PromtoolAsync(string scrape)
    {
        if (!File.Exists("/usr/bin/promtool"))
        {
            throw new InvalidOperationException(
                "promtool ontbreekt (/usr/bin/promtool). Installeer Debian's 'prometheus' met 'apt-get install -y prometheus' (de testopdracht in README.md doet dat).");
        }

        var start = new ProcessStartInfo("/usr/bin/promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(scrape);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)")]
    private static partial Regex Sample();

    [GeneratedRegex("=\"([^\"]*)\"")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex IPv4();

    [GeneratedRegex(@"^[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*$")]
    private static partial Regex IPv6();
}
