using System.Globalization;
using System.Security.Claims;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Settings;

/// <summary>
/// Settings pages under bUnit on a real, migrated SQLite file, with the portal's Core services, a
/// <see cref="ManualClock"/>, mail kept in memory and a signed-in user made of the claims the session cookie carries.
/// </summary>
public abstract class SettingsBunitTest : BunitTest, IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"avero-bunit-{Guid.NewGuid():N}.db");

    protected SettingsBunitTest()
    {
        Services.AddSingleton(new DatabaseOptions(_path));
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<IEmailSender>(Mail);
        // Registers services, so before anything is resolved; who is signed in is set later.
        _authorization = AddAuthorization();
    }

    private readonly BunitAuthorizationContext _authorization;

    internal ManualClock Clock { get; } = new();

    internal RecordingEmailSender Mail { get; } = new();

    protected T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    Task IAsyncLifetime.InitializeAsync() => new Migrator(new DatabaseOptions(_path)).MigrateAsync();

    Task IAsyncLifetime.DisposeAsync()
    {
        using (var connection = new SqliteConnection(new DatabaseOptions(_path).ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }

    /// <summary>An enrolled e-mail account with a customer (private) or company (business), logged in with a session of its own.</summary>
    internal async Task<SignedIn> SignInAccountAsync(string portal = Portals.Private)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var customers = Get<CustomerRepository>();
        long? customerId = null, companyId = null;
        if (portal == Portals.Private)
        {
            customerId = await customers.AddCustomerAsync(new Customer(0, "K" + unique, "T.", "Tessa", "van", "Test", "1980-01-31",
                "Teststraat", 12, "a", "1234 AB", "Teststad", "Anne Adviseur", "058 123 45 67", "anne@adviseur.example"));
        }
        else
        {
            var kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            companyId = await customers.AddCompanyAsync(new Company(0, kvk, "Bakkerij De Korenbloem", "Sneek", 1,
                "Bert Adviseur", "0515 12 34 56", "bert@adviseur.example"));
        }

        var email = $"klant-{unique}@example.com";
        var id = await Get<AccountRepository>().CreateAsync(new NewAccount(portal, email, "Tessa van Test", TestPasswords.RightHash, customerId, companyId));
        var secret = TotpPolicy.NewSecret();
        await Get<AuthenticatorRepository>().GetOrCreatePendingAsync(id, () => Get<AuthenticatorSecrets>().Protect(secret));
        await Get<AuthenticatorRepository>().TryConfirmAsync(id, Get<TotpPolicy>().CurrentStep - 2);
        var session = await Get<SessionRepository>().CreateAsync(id, "password+totp", "192.0.2.44", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36");
        SignIn(
            new Claim(ClaimTypes.NameIdentifier, id.ToString(CultureInfo.InvariantCulture)),
            new Claim(PortalUser.PortalClaim, portal),
            new Claim(PortalUser.MethodClaim, "password+totp"),
            new Claim(PortalUser.SessionIdClaim, session));
        return new SignedIn(id, email, secret, session);
    }

    /// <summary>An iDIN login: no e-mail account, an identity id that is not an account id.</summary>
    protected void SignInWithIdin() => SignIn(
        new Claim(ClaimTypes.NameIdentifier, "idin:1"),
        new Claim(PortalUser.PortalClaim, Portals.Private),
        new Claim(PortalUser.MethodClaim, LoginMethods.Idin),
        new Claim(PortalUser.CustomerClaim, "1"),
        new Claim(PortalUser.SessionIdClaim, "idin-session"));

    protected void SignInWithEHerkenning() => SignIn(
        new Claim(ClaimTypes.NameIdentifier, "eherkenning:1"),
        new Claim(PortalUser.PortalClaim, Portals.Business),
        new Claim(PortalUser.MethodClaim, "eherkenning"),
        new Claim(PortalUser.CompanyClaim, "1"),
        new Claim(PortalUser.SessionIdClaim, "eherkenning-session"));

    /// <summary>Renders a page as the portal does: with the request's HttpContext cascading.</summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>() where TPage : IComponent
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.UserAgent = "bUnit";
        return Render<TPage>(p => p.AddCascadingValue<HttpContext>(http));
    }

    internal string CodeOf(byte[] secret, int steps = 0) =>
        TotpPolicy.ComputeCode(secret, Clock.GetUtcNow().AddSeconds(steps * TotpPolicy.StepSeconds));

    private void SignIn(params Claim[] claims)
    {
        _authorization.SetAuthorized("Tessa van Test");
        _authorization.SetClaims(claims);
    }
}

internal sealed record SignedIn(long AccountId, string Email, byte[] Secret, string SessionId);
