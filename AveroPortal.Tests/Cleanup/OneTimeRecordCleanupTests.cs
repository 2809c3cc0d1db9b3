using AveroPortal.Core.Cleanup;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using AveroPortal.Core.Settings;
using Dapper;

namespace AveroPortal.Tests.Cleanup;

/// <summary>
/// <see cref="OneTimeRecordCleanup"/> per table, on SQLite and on PostgreSQL: the dead rows go, the live ones stay, and
/// the records kept for audit are never touched.
/// </summary>
public abstract class OneTimeRecordCleanupTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    private ManualClock Clock => _db.Clock;

    private long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    private OneTimeRecordCleanup Cleanup => new(_db.Db, Clock);

    public async Task InitializeAsync() => _db = await CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task SamlRequestIdsGoOnceTheyExpireConsumedOrNot()
    {
        await AddSamlRequestAsync("gone-open", expiresAt: Now);
        await AddSamlRequestAsync("gone-consumed", expiresAt: Now - 60, consumedAt: Now - 300);
        await AddSamlRequestAsync("live-open", expiresAt: Now + 1);
        await AddSamlRequestAsync("live-consumed", expiresAt: Now + 300, consumedAt: Now - 5);

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(2, deleted["saml_requests"]);
        Assert.Equal(["live-consumed", "live-open"], await ListAsync("SELECT id FROM saml_requests ORDER BY id"));
    }

    [Fact]
    public async Task UsedArtifactsAndAssertionIdsGoAfterTheirValidity()
    {
        await AddUsedIdAsync("artifact", "a-gone", Now - 1);
        await AddUsedIdAsync("assertion", "b-gone", Now);
        await AddUsedIdAsync("artifact", "c-live", Now + 1);
        await AddUsedIdAsync("assertion", "d-live", Now + 3600);

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(2, deleted["saml_used_ids"]);
        Assert.Equal(["c-live", "d-live"], await ListAsync("SELECT value_hash FROM saml_used_ids ORDER BY value_hash"));
    }

    [Fact]
    public async Task SessionsGoWhenEndedIdleOrPastTheirAbsoluteExpiry()
    {
        var account = await _db.AddAccountAsync("sessie@example.com");
        var ended = await _db.Sessions.CreateAsync(account, LoginMethods.Password, null, null);
        await _db.Sessions.EndAsync(ended);
        var idle = await _db.Sessions.CreateAsync(account, LoginMethods.Password, null, null);
        var absolute = await _db.Sessions.CreateAsync(account, LoginMethods.Password, null, null);
        Clock.Advance(SessionRepository.IdleTimeout - TimeSpan.FromSeconds(1));
        var live = await _db.Sessions.CreateAsync(account, LoginMethods.Password, null, null);
        await _db.Sessions.TouchAsync(absolute);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await using (var connection = await _db.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE sessions SET absolute_expiry = @Now WHERE id = @Id", new { Now, Id = absolute });
        }

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(3, deleted["sessions"]);
        Assert.Equal([live], await ListAsync("SELECT id FROM sessions"));
        Assert.True(_db.Sessions.IsLive((await _db.Sessions.GetAsync(live))!));
    }

    [Fact]
    public async Task InvitationsGoAMonthAfterTheyWereSent()
    {
        await AddInvitationAsync("gone-used", createdAt: Now - (long)OneTimeRecordCleanup.InvitationHistory.TotalSeconds, usedAt: Now - 86400 * 29);
        await AddInvitationAsync("gone-expired", createdAt: Now - 86400 * 40);
        await AddInvitationAsync("kept-used", createdAt: Now - 86400 * 29, usedAt: Now - 86400 * 29);
        await AddInvitationAsync("kept-revoked-this-hour", createdAt: Now - 60, revokedAt: Now - 30);
        await AddInvitationAsync("live-open", createdAt: Now - 3600);

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(2, deleted["invitations"]);
        Assert.Equal(["kept-revoked-this-hour", "kept-used", "live-open"], await ListAsync("SELECT token_hash FROM invitations ORDER BY token_hash"));
    }

    [Fact]
    public async Task AuthenticatorReplacementsGoWhenExpired()
    {
        var replacements = new AuthenticatorReplacementRepository(_db.Db, Clock);
        var gone = await _db.AddAccountAsync("oud@example.com");
        var live = await _db.AddAccountAsync("nieuw@example.com");
        await replacements.SaveAsync(gone, await _db.Sessions.CreateAsync(gone, LoginMethods.Password, null, null), "geheim-1", "hash-1");
        Clock.Advance(AuthenticatorReplacementRepository.Lifetime - TimeSpan.FromSeconds(1));
        await replacements.SaveAsync(live, await _db.Sessions.CreateAsync(live, LoginMethods.Password, null, null), "geheim-2", "hash-2");
        Clock.Advance(TimeSpan.FromSeconds(1));

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(1, deleted["authenticator_replacements"]);
        Assert.Equal([live.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await ListAsync("SELECT CAST(account_id AS TEXT) FROM authenticator_replacements"));
    }

    [Fact]
    public async Task PendingLoginsGoOnceTheirFiveMinutesArePast()
    {
        var first = await _db.AddAccountAsync("eerst@example.com");
        var second = await _db.AddAccountAsync("later@example.com");
        await _db.PendingLogins.StartAsync((await _db.Accounts.GetAsync(first))!, null);
        await _db.PendingLogins.StartWithoutAccountAsync(PendingPurposes.Idin, Portals.Private);
        Clock.Advance(PendingLoginRepository.Lifetime - TimeSpan.FromSeconds(1));
        var live = await _db.PendingLogins.StartAsync((await _db.Accounts.GetAsync(second))!, null);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(2, deleted["pending_logins"]);
        Assert.Equal([second.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await ListAsync("SELECT CAST(account_id AS TEXT) FROM pending_logins"));
        Assert.NotNull(await _db.PendingLogins.FindAsync(live));
    }

    [Fact]
    public async Task UnknownAddressCountersGoOnceForgottenAndCountOnWhileLive()
    {
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            await _db.UnknownAddresses.BeginAttemptAsync(Portals.Private, "geblokkeerd@example.com");
        }

        await _db.UnknownAddresses.BeginAttemptAsync(Portals.Private, "stil@example.com");
        Clock.Advance(LockoutPolicy.Duration - TimeSpan.FromSeconds(1));
        await _db.UnknownAddresses.BeginAttemptAsync(Portals.Private, "bezig@example.com");
        await _db.UnknownAddresses.BeginAttemptAsync(Portals.Private, "bezig@example.com");
        Clock.Advance(TimeSpan.FromSeconds(1));

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(2, deleted["unknown_address_attempts"]);
        Assert.Equal([await _db.UnknownAddresses.HashAsync(Portals.Private, "bezig@example.com")],
            await ListAsync("SELECT address_hash FROM unknown_address_attempts"));
        // The live counter counts on: its third failure is the third.
        Assert.Equal(3, (await _db.UnknownAddresses.BeginAttemptAsync(Portals.Private, "bezig@example.com")).Next.FailedCount);
    }

    [Fact]
    public async Task DeletesInSmallBatchesUntilNoDeadRowIsLeft()
    {
        for (var i = 0; i < 7; i++)
        {
            await AddSamlRequestAsync($"dead-{i}", expiresAt: Now - 1);
        }

        await AddSamlRequestAsync("live", expiresAt: Now + 60);

        var deleted = await new OneTimeRecordCleanup(_db.Db, Clock) { BatchSize = 2 }.RunOnceAsync();

        Assert.Equal(7, deleted["saml_requests"]);
        Assert.Equal(["live"], await ListAsync("SELECT id FROM saml_requests"));
    }

    [Fact]
    public async Task ATableThatFailsDoesNotKeepTheOthersFromBeingCleaned()
    {
        await AddSamlRequestAsync("dead", expiresAt: Now - 1);
        var cleanup = new OneTimeRecordCleanup(_db.Db, Clock)
        {
            Tables = [new("no_such_table", "DELETE FROM no_such_table WHERE expires_at <= @Now"), .. OneTimeRecordCleanup.AllTables],
        };

        var error = await Assert.ThrowsAsync<AggregateException>(() => cleanup.RunOnceAsync());

        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.Single(error.InnerExceptions);
        Assert.Empty(await ListAsync("SELECT id FROM saml_requests"));
    }

    [Fact]
    public async Task LoginEventsAndTheSupportAuditAreNotOneTimeRecordsAndStay()
    {
        var account = await _db.AddAccountAsync("audit@example.com");
        await _db.Events.AddAsync(account, Portals.Private, LoginMethods.Password, LoginOutcomes.WrongPassword, ClientInfo.Of(null, null));
        await new AveroPortal.Core.Support.SupportAuditRepository(_db.Db, Clock).AddAsync(new AveroPortal.Core.Support.NewAuditEntry(
            account, "agent@example.com", account, null, "audit@example.com", "unlock", "callback", "test", "ok", null));
        Clock.Advance(TimeSpan.FromDays(400));

        await Cleanup.RunOnceAsync();

        Assert.Equal(1, await _db.CountLoginEventsAsync());
        Assert.Equal(["1"], await ListAsync("SELECT CAST(COUNT(*) AS TEXT) FROM support_audit"));
    }

    [Fact]
    public async Task PasskeyChallengesGoWhenExpired()
    {
        var account = (await _db.Accounts.GetAsync(await _db.AddAccountAsync("passkey@example.com")))!;
        await _db.Passkeys.BeginRegistrationAsync(account, "browser-key-0123456789abcdef");
        Clock.Advance(AveroPortal.Core.Passkeys.PasskeyChallengeRepository.Lifetime);
        await _db.Passkeys.BeginPasswordlessAsync(AveroPortal.Core.Login.Portals.Private, "browser-key-0123456789abcdef");

        var deleted = await Cleanup.RunOnceAsync();

        Assert.Equal(1, deleted["passkey_challenges"]);
        Assert.Equal(["passwordless"], await ListAsync("SELECT purpose FROM passkey_challenges"));
    }

    [Fact]
    public async Task EveryTableIsCleanedOrKeptOnPurpose()
    {
        // A new table of one-time records needs an entry in OneTimeRecordCleanup.AllTables; anything else is named here.
        string[] kept =
        [
            "accounts", "authenticator_bindings", "companies", "customers", "data_protection_keys", "eherkenning_identities",
            "idin_identities", "login_events", "outbox", "protected_keys", "schema_migrations", "support_audit",
            // The company audit is append-only (triggers refuse DELETE): who changed a company's colleagues stays on record.
            "company_audit",
            // Recovery codes are not one-time records that expire: an unused code stays valid until its set is replaced.
            "recovery_codes",
            // Policies are the insurer's data, shown on Mijn overzicht, not records of a login.
            "policies",
            // Passkeys stay until the customer or the Supportdesk removes them.
            "passkey_credentials",
        ];
        var tables = await ListAsync(_db.Options.IsPostgreSql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");

        Assert.Equal(tables, kept.Concat(OneTimeRecordCleanup.AllTables.Select(t => t.Name)).Order(StringComparer.Ordinal));
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = await _db.Db.OpenAsync();
        return (await connection.QueryAsync<string>(sql)).AsList();
    }

    private async Task AddSamlRequestAsync(string id, long expiresAt, long? consumedAt = null)
    {
        await using var connection = await _db.Db.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO saml_requests (id, correlation_hash, created_at, expires_at, consumed_at)
            VALUES (@Id, 'c', @CreatedAt, @ExpiresAt, @ConsumedAt)
            """, new { Id = id, CreatedAt = expiresAt - 600, ExpiresAt = expiresAt, ConsumedAt = consumedAt });
    }

    private async Task AddUsedIdAsync(string kind, string value, long expiresAt)
    {
        await using var connection = await _db.Db.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO saml_used_ids (kind, value_hash, expires_at) VALUES (@Kind, @Value, @ExpiresAt)",
            new { Kind = kind, Value = value, ExpiresAt = expiresAt });
    }

    private async Task AddInvitationAsync(string tokenHash, long createdAt, long? usedAt = null, long? revokedAt = null)
    {
        await using var connection = await _db.Db.OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO invitations (kind, token_hash, email, display_name, portal, customer_id, company_id, role,
                                     created_by, created_at, expires_at, used_at, revoked_at, account_id)
            VALUES ('staff', @TokenHash, 'x@example.com', 'X', 'staff', NULL, NULL, 'SupportAgent',
                    NULL, @CreatedAt, @ExpiresAt, @UsedAt, @RevokedAt, NULL)
            """, new { TokenHash = tokenHash, CreatedAt = createdAt, ExpiresAt = createdAt + 72 * 3600, UsedAt = usedAt, RevokedAt = revokedAt });
    }

    public sealed class OnSqlite : OneTimeRecordCleanupTests
    {
        private protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
    }

    public sealed class OnPostgreSql(PostgresFixture postgres) : OneTimeRecordCleanupTests, IClassFixture<PostgresFixture>
    {
        private protected override async Task<TestDatabase> CreateDatabaseAsync() =>
            await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
    }
}
