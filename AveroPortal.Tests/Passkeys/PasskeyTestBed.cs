using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;

namespace AveroPortal.Tests.Passkeys;

/// <summary>Builders for the passkey tests: an account with a registered software passkey, and the ceremonies around it.</summary>
internal static class PasskeyTestBed
{
    /// <summary>The value of the per-browser cookie the web layer sets.</summary>
    public const string Browser = "browser-key-0123456789abcdef";

    public static readonly ClientInfo Client = new("192.0.2.7", "PasskeyTests");

    public static async Task<Account> AccountAsync(TestDatabase db, string email, string portal = Portals.Private) =>
        (await db.Accounts.GetAsync(await db.AddAccountAsync(email, portal: portal)))!;

    /// <summary>Registers <paramref name="key"/> (a new one when null) on a new account.</summary>
    public static async Task<(Account Account, SoftwareAuthenticator Key, long PasskeyId)> RegisteredAsync(TestDatabase db, string email,
        string portal = Portals.Private, SoftwareAuthenticator? key = null)
    {
        var account = await AccountAsync(db, email, portal);
        key ??= new SoftwareAuthenticator();
        var result = await RegisterAsync(db, account, key);
        Assert.Equal(PasskeyRegistrationOutcome.Added, result.Outcome);
        return (account, key, result.PasskeyId!.Value);
    }

    public static async Task<PasskeyRegistrationResult> RegisterAsync(TestDatabase db, Account account, SoftwareAuthenticator key, string name = "Telefoon")
    {
        var begin = await db.Passkeys.BeginRegistrationAsync(account, Browser);
        return await db.Passkeys.CompleteRegistrationAsync(account, Browser, begin.ChallengeId, key.Register(begin.OptionsJson), name, Client);
    }

    public static async Task<PasskeyLoginResult> PasswordlessAsync(TestDatabase db, SoftwareAuthenticator key, string portal = Portals.Private)
    {
        var begin = await db.Passkeys.BeginPasswordlessAsync(portal, Browser);
        return await db.PasskeyLogin.LogInAsync(portal, Browser, begin.ChallengeId, key.Assert(begin.OptionsJson), Client);
    }
}
