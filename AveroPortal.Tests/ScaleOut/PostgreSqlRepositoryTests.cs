using System.Data.Common;
using System.Xml.Linq;
using AveroPortal.Core.Data;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.RateLimits;
using Dapper;

namespace AveroPortal.Tests.ScaleOut;

/// <summary>
/// The same repositories on PostgreSQL: migrations in its dialect, and the guarantees that hold on SQLite
/// (one lockout counter, each time step once, append-only audit, unique e-mail) hold there too, under parallel load.
/// </summary>
public sealed class PostgreSqlRepositoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private async Task<TestDatabase> DatabaseAsync() =>
        await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));

    [Fact]
    public void EverySqliteMigrationHasAPostgreSqlDialectWithTheSameNumberAndName()
    {
        Assert.Equal(
            Migrator.LoadMigrations(DatabaseProvider.Sqlite).Select(m => m.Name),
            Migrator.LoadMigrations(DatabaseProvider.PostgreSql).Select(m => m.Name));
    }

    [Fact]
    public async Task MigrationsRunOnceAndAgainWithoutChange()
    {
        using var database = await DatabaseAsync();
        await new Migrator(database.Options).MigrateAsync();

        await using var connection = await database.Db.OpenAsync();
        Assert.Equal(Migrator.LoadMigrations(DatabaseProvider.PostgreSql).Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'idin_identities'"));
    }

    [Fact]
    public async Task TwoInstancesMigratingAtOnceApplyEachMigrationOnce()
    {
        var options = DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync());

        await Task.WhenAll(new Migrator(options).MigrateAsync(), new Migrator(options).MigrateAsync());

        using var db = new Db(options);
        await using var connection = await db.OpenAsync();
        Assert.Equal(Migrator.LoadMigrations(DatabaseProvider.PostgreSql).Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task ParallelHitsFromTwoInstancesShareOneRateLimitWindow()
    {
        using var database = await DatabaseAsync();
        using var otherInstance = new Db(database.Options);
        var counters = new[] { new DatabaseRateLimitCounter(database.Db, database.Clock), new DatabaseRateLimitCounter(otherInstance, database.Clock) };
        var next = 0;

        var decisions = await AllAtOnce.RunAsync(20, () => counters[Interlocked.Increment(ref next) % 2].HitAsync("writes:10.0.0.1", 10, TimeSpan.FromMinutes(1)).AsTask());

        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.InRange(d.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
        Assert.True((await counters[0].HitAsync("writes:10.0.0.2", 10, TimeSpan.FromMinutes(1))).Allowed);
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await counters[1].HitAsync("writes:10.0.0.1", 10, TimeSpan.FromMinutes(1))).Allowed);
    }

    [Fact]
    public async Task ParallelWrongAttemptsCanNotGetPastTheCounter()
    {
        using var database = await DatabaseAsync();
        var id = await database.AddAccountAsync("jan@example.com");

        var decisions = await AllAtOnce.RunAsync(20, () => database.Accounts.BeginAttemptAsync(id));

        Assert.Equal(LockoutPolicy.MaxFailures, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task ParallelSubmissionsOfOneTimeStepAcceptExactlyOne()
    {
        using var database = await DatabaseAsync();
        var id = await database.AddAccountAsync("piet@example.com");
        await database.Authenticators.GetOrCreatePendingAsync(id, () => database.Secrets.Protect(TotpPolicy.NewSecret()));
        await database.Authenticators.TryConfirmAsync(id, 1000);

        var results = await AllAtOnce.RunAsync(20, () => database.Authenticators.TryAcceptStepAsync(id, 1001));

        Assert.Equal(1, results.Count(accepted => accepted));
    }

    [Fact]
    public async Task TheSupportAuditIsAppendOnly()
    {
        using var database = await DatabaseAsync();
        var agent = await database.AddAccountAsync("agent@example.com");
        await using var connection = await database.Db.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO support_audit (agent_account_id, agent_email, occurred_at, target_description, action, verification, reason, outcome)
            VALUES (@Agent, 'agent@example.com', 1, 'klant', 'unlock', 'geboortedatum', 'belde', 'ok')
            """, new { Agent = agent });

        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE support_audit SET reason = 'anders'"));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM support_audit"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM support_audit WHERE reason = 'belde'"));
    }

    [Fact]
    public async Task ASecondAccountWithTheSameEmailIsAUniqueViolation()
    {
        using var database = await DatabaseAsync();
        await database.AddAccountAsync("dubbel@example.com");

        var error = await Assert.ThrowsAnyAsync<DbException>(() => database.AddAccountAsync("DUBBEL@example.com"));

        Assert.True(Db.IsUniqueViolation(error));
    }

    [Fact]
    public async Task IdinLinksAreUpsertedOnBrokerAndBin()
    {
        using var database = await DatabaseAsync();
        var identities = new IdinRepository(database.Db, database.Clock);
        var customer = await database.Customers.AddCustomerAsync(new AveroPortal.Core.Customers.Customer(0, "100001", "J.", "Jan", "de", "Vries", "1975-03-14",
            "Stationsweg", 12, null, "8911 AH", "Leeuwarden", "Adviseur", "058", "a@example.com"));

        var links = await AllAtOnce.RunAsync(8, () => identities.LinkAsync("makelaar", "BIN-1", customer));

        Assert.Single(links.Select(l => l.Id).Distinct());
        Assert.Equal(["100001"], (await identities.FindCandidatesAsync(new DateOnly(1975, 3, 14), null, null)).Select(c => c.CustomerNumber));
        Assert.Equal(["100001"], (await identities.FindCandidatesAsync(null, "8911AH", 12)).Select(c => c.CustomerNumber));
    }

    [Fact]
    public async Task DataProtectionKeysAreStoredAndReadBack()
    {
        using var database = await DatabaseAsync();
        var repository = new DatabaseXmlRepository(database.Db, database.Clock);

        repository.StoreElement(new XElement("key", new XAttribute("id", "k1")), "key-k1");
        repository.StoreElement(new XElement("key", new XAttribute("id", "k2")), "key-k2");

        Assert.Equal(["k1", "k2"], repository.GetAllElements().Select(e => (string)e.Attribute("id")!));
    }

    [Fact]
    public async Task TheDemoDataAreSeededAndTheSupportSearchFindsThem()
    {
        using var database = await DatabaseAsync();
        Assert.True(await database.Seeder.SeedAsync());
        var search = new AveroPortal.Core.Support.CustomerSearch(database.Db);

        var byName = await search.SearchAsync(new AveroPortal.Core.Support.SearchQuery("de vries", null, null), 0, 10);
        var byKvk = await search.SearchAsync(new AveroPortal.Core.Support.SearchQuery("24444001", null, null), 0, 10);
        var byAddress = await search.SearchAsync(new AveroPortal.Core.Support.SearchQuery(null, "9711 gb", "5a"), 0, 10);

        Assert.Contains(byName.Page, hit => hit.Name == "Jan de Vries");
        Assert.Contains(byKvk.Page, hit => hit.Name == "Bakkerij De Korenbloem B.V.");
        Assert.Contains(byAddress.Page, hit => hit.Name == "Anna van den Berg");
    }

    [Fact]
    public async Task TheAuditFiltersOutboxAndSamlStateWork()
    {
        using var database = await DatabaseAsync();
        var agent = await database.AddAccountAsync("agent@averoachmea.example.com");
        var audit = new AveroPortal.Core.Support.SupportAuditRepository(database.Db, database.Clock);
        await audit.AddAsync(new AveroPortal.Core.Support.NewAuditEntry(agent, "agent@averoachmea.example.com", null, null, "klant", "unlock", "gebdatum", "belde", "ok", "127.0.0.1"));
        var (page, total) = await audit.SearchAsync(new AveroPortal.Core.Support.AuditFilter(AgentEmail: "AGENT@", Action: "unlock",
            From: DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime), To: DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime)), 0, 10);
        Assert.Equal(1, total);
        Assert.Single(page);

        var outbox = new AveroPortal.Core.Email.OutboxRepository(database.Db, database.Clock);
        await outbox.AddAsync(new AveroPortal.Core.Email.EmailMessage("klant@example.com", "Onderwerp", "tekst", "<p>tekst</p>"));
        Assert.Equal(["Onderwerp"], (await outbox.LatestAsync()).Select(m => m.Subject));

        var saml = new AveroPortal.Core.EHerkenning.ServiceProvider.SamlStateRepository(database.Db, database.Clock);
        await saml.AddRequestAsync("_req1", "correlatie");
        Assert.False(await saml.ConsumeRequestAsync("_req1", "andere"));
        Assert.True(await saml.ConsumeRequestAsync("_req1", "correlatie"));
        Assert.False(await saml.ConsumeRequestAsync("_req1", "correlatie"));
        var keep = database.Clock.GetUtcNow().AddMinutes(10);
        var uses = await AllAtOnce.RunAsync(10, () => saml.TryUseOnceAsync("assertion", "_a1", keep));
        Assert.Equal(1, uses.Count(used => used));
    }
}
