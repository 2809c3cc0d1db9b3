using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Email;

/// <summary>Mail that was not sent because no SMTP host is configured; read by the Development-only outbox page.</summary>
public sealed class OutboxRepository(Db db, TimeProvider clock)
{
    public async Task<long> AddAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO outbox (to_address, subject, text_body, html_body, created_at)
            VALUES (@To, @Subject, @TextBody, @HtmlBody, @CreatedAt)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new
        {
            message.To,
            message.Subject,
            message.TextBody,
            message.HtmlBody,
            CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Newest first; mails from the same second keep their insertion order, newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> LatestAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT id AS Id, to_address AS ToAddress, subject AS Subject, text_body AS TextBody, html_body AS HtmlBody,
                   created_at AS CreatedAt
            FROM outbox
            ORDER BY created_at DESC, id DESC
            LIMIT @Count
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<OutboxMessage>(
            new CommandDefinition(sql, new { Count = count }, cancellationToken: cancellationToken))).AsList();
    }
}
