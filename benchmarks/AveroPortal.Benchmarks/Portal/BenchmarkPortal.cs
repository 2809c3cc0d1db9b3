using System.Globalization;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Benchmarks.Portal;

/// <summary>
/// The real portal in this process on a loopback port, with a temporary SQLite file of its own (the approach of the
/// tests' PortalFactory). Production environment; the login rate limit is lifted because every client here comes
/// from 127.0.0.1, and the log providers are removed so the figures print cleanly.
/// </summary>
internal sealed class BenchmarkPortal : WebApplicationFactory<Program>
{
    public const string SessionCookie = "Avero.Sessie";
    public const string Password = "Zonnige-dinsdag-42";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "avero-bench-" + Guid.NewGuid().ToString("N"));
    private string? _passwordHash;

    public CircuitCounter Circuits { get; } = new();

    public Uri BaseAddress { get; private set; } = default!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        // Outside Development the build's static web assets (blazor.web.js, MudBlazor) are only found when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("Avero:Database:Path", Path.Combine(_directory, "portal.db"));
        builder.UseSetting("Avero:Seed:DemoData", "false");
        builder.UseSetting("Avero:Security:LoginRateLimitPerMinute", 1_000_000.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            services.AddSingleton<CircuitHandler>(Circuits);
        });
    }

    public Uri Start()
    {
        PinContentRoot();
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return BaseAddress;
    }

    /// <summary>
    /// WebApplicationFactory looks for MvcTestingAppManifest.json in the working directory, which is the output folder
    /// under a test runner but the repository under dotnet run. The manifest next to this assembly names the portal's
    /// folder; the factory's documented override hands it over.
    /// </summary>
    private static void PinContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!;
        var assembly = typeof(Program).Assembly.GetName();
        var root = roots.First(r => r.Key.StartsWith(assembly.Name + ",", StringComparison.Ordinal)).Value;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_" + assembly.Name!.ToUpperInvariant().Replace('.', '_'), root);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// A private customer with an e-mail account, enrolled with a known secret. All accounts share one stored hash
    /// (made once at the configured work factor): verifying it costs the same, and creating hundreds stays cheap.
    /// </summary>
    public async Task<BenchmarkAccount> CreateAccountAsync()
    {
        _passwordHash ??= await Get<PasswordHashing>().HashAsync(Password);
        var unique = Guid.NewGuid().ToString("N")[..12];
        var customerId = await Get<CustomerRepository>().AddCustomerAsync(new Customer(0, "B" + unique, "B.", "Bram", "van", "Bench", "1980-01-31",
            "Teststraat", 1, null, "1234 AB", "Teststad", "Adviseur Test", "058 000 00 00", "adviseur@example.com"));
        var email = $"bench-{unique}@example.com";
        var id = await Get<AccountRepository>().CreateAsync(new NewAccount(Portals.Private, email, "Bram van Bench", _passwordHash, customerId, null));
        var secret = TotpPolicy.NewSecret();
        var protectedSecret = Get<AuthenticatorSecrets>().Protect(secret);
        var authenticators = Get<AuthenticatorRepository>();
        await authenticators.GetOrCreatePendingAsync(id, () => protectedSecret);
        await authenticators.TryConfirmAsync(id, 0);
        return new BenchmarkAccount(id, email, Password, secret);
    }

    public async Task<IReadOnlyList<BenchmarkAccount>> CreateAccountsAsync(int count)
    {
        var accounts = new List<BenchmarkAccount>(count);
        for (var i = 0; i < count; i++)
        {
            accounts.Add(await CreateAccountAsync());
        }

        return accounts;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the pool; the temp folder is cleaned by the OS.
        }
    }
}

internal sealed record BenchmarkAccount(long Id, string Email, string Password, byte[] Secret)
{
    public string CodeNow() => TotpPolicy.ComputeCode(Secret, DateTimeOffset.UtcNow);
}
