using System.Text.RegularExpressions;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace AveroPortal.Tests.Colleagues;

/// <summary>
/// <see cref="ColleagueAdministration"/> and <see cref="ColleagueRepository"/> on a real database: every test runs on
/// SQLite and on PostgreSQL, where read committed makes the company row lock the only thing that keeps parallel
/// invitations within the limit.
/// </summary>
public abstract partial class ColleaguesTests : IAsyncLifetime
{
    private const string LinkBase = "https://portal.example/";
    private const string Password = "Drie-fietsen-in-de-regen";
    private readonly RecordingEmailSender _mail = new();
    private TestDatabase _db = default!;
    private InvitationRepository _invitations = default!;
    private ColleagueRepository _repository = default!;
    private CompanyAuditRepository _audit = default!;
    private ColleagueAdministration _colleagues = default!;
    private int _sequence;

    public async Task InitializeAsync()
    {
        _db = await CreateDatabaseAsync();
        _invitations = new InvitationRepository(_db.Db, _db.Clock);
        _audit = new CompanyAuditRepository(_db.Db, _db.Clock);
        _repository = new ColleagueRepository(_db.Db, _db.Clock, _audit);
        _colleagues = Administration(_mail);
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A migrated, empty database of this test's own.</summary>
    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private ColleagueAdministration Administration(IEmailSender email) =>
        new(_repository, _db.Accounts, _invitations, _db.Customers, _audit, _db.FreezeLinks, email, _db.Clock,
            NullLogger<ColleagueAdministration>.Instance);

    private static ColleagueActor Actor(long accountId) => new(accountId, "192.0.2.7");

    private Task<InviteResult> InviteAsync(long inviter, string email) =>
        _colleagues.InviteAsync(Actor(inviter), email, "Collega " + email, LinkBase);

    /// <summary>A company with <paramref name="accounts"/> business accounts; the first is the one who invites.</summary>
    private async Task<(long CompanyId, long Inviter)> CompanyWithAccountsAsync(int accounts, bool insured = true)
    {
        var n = Interlocked.Increment(ref _sequence);
        var companyId = await _db.Customers.AddCompanyAsync(new Company(0, $"7{n:D7}", $"Bedrijf {n} B.V.", "Sneek", insured ? 1 : 0,
            "Adviseur", "058 000 00 00", "adviseur@example.com"));
        var ids = new List<long>();
        for (var i = 0; i < accounts; i++)
        {
            ids.Add(await AddAccountAsync(companyId, $"account{i}-bedrijf{n}@example.com"));
        }

        return (companyId, ids.FirstOrDefault());
    }

    private Task<long> AddAccountAsync(long companyId, string email) =>
        _db.Accounts.CreateAsync(new NewAccount(Portals.Business, email, "Naam " + email, TestPasswords.RightHash, null, companyId));

    private async Task<long> CountInvitationsAsync(long companyId)
    {
        await using var connection = await _db.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM invitations WHERE company_id = @CompanyId AND revoked_at IS NULL", new { CompanyId = companyId });
    }

    private static string TokenOf(EmailMessage mail) => TokenPattern().Match(mail.TextBody).Groups[1].Value;

    [GeneratedRegex(@"account-aanmaken\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();

    public sealed class OnSqlite : ColleaguesTests
    {
        private protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
    }

    public sealed class OnPostgreSql(PostgresFixture postgres) : ColleaguesTests, IClassFixture<PostgresFixture>
    {
        private protected override async Task<TestDatabase> CreateDatabaseAsync() =>
            await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
    }

    private sealed class FailingEmailSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
            throw new IOException("The relay is down.");
    }
}
