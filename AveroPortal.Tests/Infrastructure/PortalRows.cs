using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>What the requests left in the portal's database, read straight from its SQLite file.</summary>
internal static class PortalRows
{
    public static async Task<long> LoginEventCountAsync(this PortalFactory factory)
    {
        const string sql = "SELECT COUNT(*) FROM login_events";
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    public static async Task<long> AccountCountAsync(this PortalFactory factory)
    {
        const string sql = "SELECT COUNT(*) FROM accounts";
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>The account's sessions, oldest first.</summary>
    public static async Task<IReadOnlyList<SessionRow>> SessionsAsync(this PortalFactory factory, long accountId)
    {
        const string sql = """
            SELECT id AS Id, ended_at AS EndedAt
            FROM sessions WHERE account_id = @AccountId
            ORDER BY created_at, rowid
            """;
        await using var connection = await factory.Get<Db>().OpenAsync();
        return (await connection.QueryAsync<SessionRow>(sql, new { AccountId = accountId })).AsList();
    }

    public static async Task<Account> AccountAsync(this PortalFactory factory, long accountId) =>
        await factory.Get<AccountRepository>().GetAsync(accountId) ?? throw new InvalidOperationException("No account " + accountId);

    /// <summary>
    /// Gives a business account its company's administrator role, as the migration's backfill does for the first
    /// account of a company (test set-up only: in the portal only an administrator or the Supportdesk hands it on).
    /// </summary>
    public static async Task MakeAdministratorAsync(this Db db, long accountId)
    {
        const string sql = "UPDATE accounts SET company_admin = 1 WHERE id = @AccountId AND portal = 'business'";
        await using var connection = await db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteAsync(sql, new { AccountId = accountId }));
    }

    public static async Task<string?> LastOutcomeAsync(this PortalFactory factory, long accountId) =>
        (await factory.Get<LoginEventRepository>().LatestForAccountAsync(accountId, 1)).SingleOrDefault()?.Outcome;
}

internal sealed record SessionRow(string Id, long? EndedAt);
