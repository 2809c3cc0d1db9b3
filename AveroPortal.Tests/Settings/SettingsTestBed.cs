using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace AveroPortal.Tests.Settings;

/// <summary>The settings policies on a real, migrated database (<see cref="TestDatabase"/>: SQLite unless told), with mail kept in memory.</summary>
internal sealed class SettingsTestBed : IDisposable
{
    public static readonly ClientInfo Client = ClientInfo.Of("192.0.2.7", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36");

    private SettingsTestBed(TestDatabase database, IEmailSender? mail)
    {
        Database = database;
        Notifier = new FactorChangeNotifier(mail ?? Mail, database.FreezeLinks, database.Clock, NullLogger<FactorChangeNotifier>.Instance);
        Reauthentication = new Reauthentication(database.Authenticators, database.Secrets, TestPasswords.Hashing, database.Totp, database.FactorCheck);
        Replacements = new AuthenticatorReplacementRepository(database.Db, database.Clock);
    }

    public TestDatabase Database { get; }

    public RecordingEmailSender Mail { get; } = new();

    public ManualClock Clock => Database.Clock;

    public FactorChangeNotifier Notifier { get; }

    public Reauthentication Reauthentication { get; }

    public AuthenticatorReplacementRepository Replacements { get; }

    public PasswordChange PasswordChange =>
        new(Database.Accounts, Reauthentication, Database.Events, new PasswordRules(), TestPasswords.Hashing, Notifier, Database.PendingLogins);

    public AuthenticatorReplacement Replacement =>
        new(Database.Accounts, Database.Authenticators, Replacements, Reauthentication, Database.Events, Database.Secrets, Database.Totp, Notifier, Database.FactorCheck,
            Database.RecoveryCodes);

    public AccountSessions Sessions => new(Database.Db, Database.Sessions, Database.PendingLogins, Database.Clock);

    /// <param name="database">PostgreSQL for the portability tests; a new SQLite file when null.</param>
    public static async Task<SettingsTestBed> CreateAsync(IEmailSender? mail = null, DatabaseOptions? database = null)
    {
        return new SettingsTestBed(await TestDatabase.CreateAsync(database), mail);
    }

    /// <summary>An account with the right password of <see cref="TestPasswords"/>, enrolled with a known secret, and a session.</summary>
    public async Task<EnrolledAccount> EnrolledAccountAsync(string email)
    {
        var id = await Database.AddAccountAsync(email);
        var secret = TotpPolicy.NewSecret();
        await Database.Authenticators.GetOrCreatePendingAsync(id, () => Database.Secrets.Protect(secret));
        // Enrolled one step before now, so every code of the current step is still unused.
        Assert.True(await Database.Authenticators.TryConfirmAsync(id, Database.Totp.CurrentStep - 2));
        var session = await Database.Sessions.CreateAsync(id, "password+totp", "192.0.2.7", "xunit");
        return new EnrolledAccount(id, email, secret, session);
    }

    /// <summary>The code an app with <paramref name="secret"/> shows <paramref name="steps"/> steps from the clock's now.</summary>
    public string CodeOf(byte[] secret, int steps = 0) =>
        TotpPolicy.ComputeCode(secret, Clock.GetUtcNow().AddSeconds(steps * TotpPolicy.StepSeconds));

    /// <summary>A well-formed code that matches none of the steps the policy accepts now.</summary>
    public string WrongCodeFor(byte[] secret)
    {
        var valid = new[] { -1, 0, 1 }.Select(s => CodeOf(secret, s)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), TotpPolicy.Digits)).First(c => !valid.Contains(c));
    }

    public void NextStep() => Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));

    public async Task<Account> AccountAsync(long id) => (await Database.Accounts.GetAsync(id))!;

    public async Task<AuthenticatorBinding> BindingAsync(long id) => (await Database.Authenticators.GetAsync(id))!;

    public async Task<long> PendingCountAsync()
    {
        const string sql = "SELECT COUNT(*) FROM authenticator_replacements";
        await using var connection = await Database.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public async Task<IReadOnlyList<string>> OutcomesAsync(long accountId) =>
        (await Database.Events.LatestForAccountAsync(accountId)).Select(e => e.Outcome).Reverse().ToList();

    public void Dispose() => Database.Dispose();
}

internal sealed record EnrolledAccount(long Id, string Email, byte[] Secret, string SessionId);

/// <summary>A mail server that is down.</summary>
internal sealed class FailingEmailSender : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        throw new IOException("SMTP server not reachable");
}
