using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using AveroPortal.Core.Policies;
using AveroPortal.Core.Recovery;
using AveroPortal.Core.Sessions;
using AveroPortal.Core.Support;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// A real SQLite file in the temp folder with the repositories on top of it, all on one <see cref="ManualClock"/>.
/// The file (and its WAL files) is deleted on Dispose.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    private int _sequence;

    public TestDatabase()
        : this(null)
    {
    }

    /// <summary>On the given database (PostgreSQL for the scale-out tests); a new SQLite file when null.</summary>
    public TestDatabase(DatabaseOptions? options)
    {
        Path = options?.Path is { Length: > 0 } given ? given : System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"avero-test-{Guid.NewGuid():N}.db");
        Options = options ?? new DatabaseOptions(Path);
        Db = new Db(Options);
        Lockout = new LockoutPolicy();
        Secrets = new AuthenticatorSecrets(DataProtection);
        Totp = new TotpPolicy(Clock);
        Customers = new CustomerRepository(Db);
        Policies = new PolicyRepository(Db);
        Accounts = new AccountRepository(Db, Lockout, Clock);
        UnknownAddresses = new UnknownAddressAttempts(Db, Lockout, new ProtectedKeys(Db, DataProtection, Clock), Clock);
        Authenticators = new AuthenticatorRepository(Db, Clock);
        Events = new LoginEventRepository(Db, Clock);
        Sessions = new SessionRepository(Db, Clock);
        PendingLogins = new PendingLoginRepository(Db, Clock);
        FactorCheck = new FactorCheck(Accounts, Events);
        RecoveryCodeRepository = new RecoveryCodeRepository(Db, Clock);
        RecoveryCodes = new RecoveryCodeSet(RecoveryCodeRepository, new ProtectedKeys(Db, DataProtection, Clock), Mail, FreezeLinks, Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RecoveryCodeSet>.Instance);
        PasskeyChallenges = new PasskeyChallengeRepository(Db, Clock);
        PasskeyCredentials = new PasskeyCredentialRepository(Db, Clock);
    }

    public string Path { get; }

    public DatabaseOptions Options { get; }

    public ManualClock Clock { get; } = new();

    public Db Db { get; }

    public LockoutPolicy Lockout { get; }

    public AuthenticatorSecrets Secrets { get; }

    public TotpPolicy Totp { get; }

    public CustomerRepository Customers { get; }

    public PolicyRepository Policies { get; }

    public AccountRepository Accounts { get; }

    public UnknownAddressAttempts UnknownAddresses { get; }

    /// <summary>A key ring of this database's own, as an instance of the portal has.</summary>
    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    public AuthenticatorRepository Authenticators { get; }

    public LoginEventRepository Events { get; }

    public SessionRepository Sessions { get; }

    public PendingLoginRepository PendingLogins { get; }

    public FactorCheck FactorCheck { get; }

    public RecoveryCodeRepository RecoveryCodeRepository { get; }

    public RecoveryCodeSet RecoveryCodes { get; }

    /// <summary>The mail the recovery codes send.</summary>
    public RecordingEmailSender Mail { get; } = new();

    public PasswordLogin Login => new(Accounts, UnknownAddresses, Authenticators, Events, Secrets, TestPasswords.Hashing, Totp, PendingLogins, FactorCheck, RecoveryCodes,
        Passkeys);

    /// <summary>The relying party "localhost" with any http://localhost port, as in Development; a test may set its own.</summary>
    public PasskeyOptions PasskeyOptions { get; set; } = new("localhost", "Avéro Achmea", [], AllowAnyLocalhostPort: true);

    /// <summary>The log of the passkey verification (the counter warning).</summary>
    public CapturedLog PasskeyLog { get; } = new();

    public PasskeyChallengeRepository PasskeyChallenges { get; }

    public PasskeyCredentialRepository PasskeyCredentials { get; }

    public PasskeyMails PasskeyMails => new(Mail, FreezeLinks, Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PasskeyMails>.Instance);

    public PasskeyCeremonies Passkeys => new(new PasskeyVerifier(PasskeyOptions, PasskeyCredentials, PasskeyLog.For<PasskeyVerifier>()),
        PasskeyChallenges, PasskeyCredentials, PendingLogins, Events, PasskeyMails);

    public PasskeyLogin PasskeyLogin => new(Passkeys, Accounts, Events, FactorCheck);

    public PasskeySettings PasskeySettings => new(PasskeyCredentials, Events, PasskeyMails);

    /// <summary>Freeze links on a fixed public address; the tests read the token off the link.</summary>
    public FreezeLinks FreezeLinks => new(Db, new FreezeLinkOptions(new Uri("https://portaal.example/")), Clock);

    public AccountFreeze Freeze => new(Db, new SupportAuditRepository(Db, Clock), Clock);

    public CompanyAuditRepository CompanyAudit => new(Db, Clock);

    /// <summary>The colleague administration on this database; mail to <paramref name="email"/> (default <see cref="Mail"/>).</summary>
    public ColleagueAdministration ColleagueAdministration(IEmailSender? email = null) =>
        new(new ColleagueRepository(Db, Clock, CompanyAudit), Accounts, new InvitationRepository(Db, Clock), Customers, CompanyAudit, FreezeLinks,
            email ?? Mail, Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<ColleagueAdministration>.Instance);

    /// <summary>Redeeming links on this database (a re-activation mails to <paramref name="email"/>, default <see cref="Mail"/>).</summary>
    public InvitationAcceptance Acceptance(IEmailSender? email = null) =>
        new(new InvitationRepository(Db, Clock), Accounts, new PasswordRules(), TestPasswords.Hashing, Clock, ColleagueAdministration(email));

    public DemoSeeder Seeder => new(Db, Customers, Policies, Accounts, Authenticators, Secrets, TestPasswords.Hashing);

    /// <summary>A migrated, empty database.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseOptions? options = null)
    {
        var database = new TestDatabase(options);
        await new Migrator(database.Options).MigrateAsync();
        return database;
    }

    /// <summary>Builds an account with the customer or company its portal requires.</summary>
    public async Task<long> AddAccountAsync(string email, string? passwordHash = null, string portal = Portals.Private)
    {
        var n = Interlocked.Increment(ref _sequence);
        long? customerId = null;
        long? companyId = null;
        if (portal == Portals.Private)
        {
            customerId = await Customers.AddCustomerAsync(new Customer(0, $"9{n:D5}", "T.", "Test", null, $"Klant {n}",
                "1980-01-01", "Teststraat", n, null, "1234 AB", "Leeuwarden", "Adviseur", "058 000 00 00", "adviseur@example.com"));
        }
        else
        {
            companyId = await Customers.AddCompanyAsync(new Company(0, $"9{n:D7}", $"Testbedrijf {n}", "Sneek", 1,
                "Adviseur", "058 000 00 00", "adviseur@example.com"));
        }

        return await Accounts.CreateAsync(new NewAccount(portal, email, $"Test {n}", passwordHash ?? TestPasswords.RightHash, customerId, companyId));
    }

    public async Task<long> CountLoginEventsAsync()
    {
        const string sql = "SELECT COUNT(*) FROM login_events";
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public void Dispose()
    {
        Db.Dispose();
        if (Options.IsPostgreSql)
        {
            return;
        }

        // Pooled connections keep the file open; close them before deleting it.
        using (var connection = new SqliteConnection(Options.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
