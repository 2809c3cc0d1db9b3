using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// The real portal on its own temporary SQLite file. <see cref="StartKestrel"/> puts it on a loopback port for the
/// browser tests; otherwise requests go through the in-memory test server.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "avero-tests-" + Guid.NewGuid().ToString("N"));

    public int LoginRateLimitPerMinute { get; init; } = 10_000;

    /// <summary>Extra configuration, for example the loopback SMTP server of a test.</summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    /// <summary>A folder of this portal's own, for files a test hands it (metadata, certificates).</summary>
    public string Directory
    {
        get
        {
            System.IO.Directory.CreateDirectory(_directory);
            return _directory;
        }
    }

    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Service changes of one test, applied after the portal's own (for example a tampering backchannel).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // Outside Development the build's static web assets (blazor.web.js, MudBlazor) are only found when asked for.
        builder.UseStaticWebAssets();
        builder.UseSetting("Avero:Database:Path", DatabasePath);
        builder.UseSetting("Avero:Seed:DemoData", "false");
        builder.UseSetting("Avero:Security:LoginRateLimitPerMinute", LoginRateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>A loopback port that is free right now, for tests whose peers must know the portal's address before it starts.</summary>
    public static int FreePort()
    {
        // Test classes run in parallel: a port handed out once is never handed out again in this process, so two
        // peers that bind a little later can not both get it.
        while (true)
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>Starts Kestrel on a loopback port (a free one unless given) and returns its base address.</summary>
    public Uri StartKestrel(int port = 0)
    {
        UseKestrel(port);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A private customer without any e-mail account (for example one who logs in with iDIN).</summary>
    public async Task<long> CreateCustomerAsync(string lastName = "Zonder-Account")
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        return await Get<CustomerRepository>().AddCustomerAsync(new Customer(0, "C" + unique, "W.", "Wieger", null, lastName, "1970-05-05",
            "Kerkpad", 7, "b", "8911 AA", "Leeuwarden", "Adviseur Test", "058 000 00 00", "adviseur@example.com"));
    }

    /// <summary>A support desk account, enrolled with a known secret.</summary>
    public async Task<TestAccount> CreateStaffAsync(string role = StaffRoles.SupportAgent)
    {
        var email = $"medewerker-{Guid.NewGuid().ToString("N")[..10]}@averoachmea.example.com";
        var id = await Get<AccountRepository>().CreateAsync(new NewAccount(Portals.Staff, email, "Test Medewerker",
            await Get<PasswordHashing>().HashAsync(TestAccount.DefaultPassword), null, null, role));
        var secret = TotpPolicy.NewSecret();
        var protectedSecret = Get<AuthenticatorSecrets>().Protect(secret);
        await Get<AuthenticatorRepository>().GetOrCreatePendingAsync(id, () => protectedSecret);
        await Get<AuthenticatorRepository>().TryConfirmAsync(id, 0);
        return new TestAccount(id, Portals.Staff, email, TestAccount.DefaultPassword, secret);
    }

    /// <summary>
    /// A private customer with an e-mail account; enrolled with a known secret when <paramref name="enrolled"/>;
    /// <paramref name="emailPrefix"/> for an address of a length that matters (the layout's long values).
    /// </summary>
    /// <param name="customerId">For a private account: an existing customer (an iDIN test's person), instead of a new one.</param>
    public async Task<TestAccount> CreateAccountAsync(string portal = Portals.Private, bool enrolled = true, string password = TestAccount.DefaultPassword,
        long? customerId = null, string? email = null, string emailPrefix = "klant", long? companyId = null, string displayName = "Tessa van Test")
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var customers = Get<CustomerRepository>();
        if (portal == Portals.Private && customerId is null)
        {
            customerId = await customers.AddCustomerAsync(new Customer(0, "T" + unique, "T.", "Tessa", "van", "Test", "1980-01-31",
                "Teststraat", 1, null, "1234 AB", "Teststad", "Adviseur Test", "058 000 00 00", "adviseur@example.com"));
        }
        else if (portal != Portals.Private && companyId is null)
        {
            var kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            companyId = await customers.AddCompanyAsync(new Company(0, kvk, "Testbedrijf " + unique, "Teststad", 1,
                "Adviseur Test", "058 000 00 00", "adviseur@example.com"));
        }

        email ??= $"{emailPrefix}-{unique}@example.com";
        var id = await Get<AccountRepository>().CreateAsync(new NewAccount(portal, email, displayName, await Get<PasswordHashing>().HashAsync(password), customerId, companyId));
        byte[]? secret = null;
        if (enrolled)
        {
            secret = TotpPolicy.NewSecret();
            var protectedSecret = Get<AuthenticatorSecrets>().Protect(secret);
            await Get<AuthenticatorRepository>().GetOrCreatePendingAsync(id, () => protectedSecret);
            await Get<AuthenticatorRepository>().TryConfirmAsync(id, 0);
        }

        return new TestAccount(id, portal, email, password, secret);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the pool; the temp folder is cleaned by the OS.
        }
    }
}

public sealed record TestAccount(long Id, string Portal, string Email, string Password, byte[]? Secret)
{
    public const string DefaultPassword = "Zonnige-dinsdag-42";

    public string PortalSlug => Portal == Portals.Business ? "zakelijk" : "particulier";

    public string LoginPath => Portal switch
    {
        Portals.Staff => "/support/inloggen",
        Portals.Business => "/inloggen/zakelijk",
        _ => "/inloggen/particulier",
    };

    /// <summary>The code for the step <paramref name="stepOffset"/> steps from now.</summary>
    public string Code(int stepOffset = 0) =>
        TotpPolicy.ComputeCode(Secret ?? throw new InvalidOperationException("Not enrolled."), DateTimeOffset.UtcNow.AddSeconds(stepOffset * TotpPolicy.StepSeconds));
}
