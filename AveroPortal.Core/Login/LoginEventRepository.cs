using AveroPortal.Core.Data;
using AveroPortal.Core.Operations;
using Dapper;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Login;

public sealed class LoginEventRepository(Db db, TimeProvider clock, ILogger<LoginEventRepository>? logger = null)
{
    /// <param name="customerId">For logins without an e-mail account (iDIN): the customer they concern, if known.</param>
    public async Task AddAsync(long? accountId, string portal, string method, string outcome, ClientInfo client, long? customerId = null)
    {
        const string sql = """
            INSERT INTO login_events (account_id, portal, method, outcome, occurred_at, remote_ip, user_agent, customer_id)
            VALUES (@AccountId, @Portal, @Method, @Outcome, @OccurredAt, @RemoteIp, @UserAgent, @CustomerId)
            """;
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new
        {
            AccountId = accountId,
            Portal = portal,
            Method = method,
            Outcome = outcome,
            OccurredAt = clock.GetUtcNow().ToUnixTimeSeconds(),
            client.RemoteIp,
            client.UserAgent,
            CustomerId = customerId,
        });
        // Every login method writes its attempts here, so this one line counts them all (and replays, iDIN outcomes).
        PortalMetrics.LoginEvent(method, outcome);
        // Method and outcome are fixed names; the account by its id only (never its address, never the input).
        var eventId = SecurityEvents.ForLoginOutcome(outcome);
        logger?.Log(eventId == SecurityEvents.SignedIn || eventId == SecurityEvents.LoginEvent ? LogLevel.Information : LogLevel.Warning, eventId,
            "Login event {Method} {Outcome} on portal {Portal} for account {AccountId}", method, outcome, portal, accountId);
    }

    public async Task<IReadOnlyList<LoginEvent>> LatestForAccountAsync(long accountId, int count = 20)
    {
        const string sql = """
            SELECT id AS Id, account_id AS AccountId, portal AS Portal, method AS Method, outcome AS Outcome,
                   occurred_at AS OccurredAt, remote_ip AS RemoteIp, user_agent AS UserAgent
            FROM login_events WHERE account_id = @AccountId
            ORDER BY occurred_at DESC, id DESC
            LIMIT @Count
            """;
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<LoginEvent>(sql, new { AccountId = accountId, Count = count })).AsList();
    }
}
