using AveroPortal.Core.Data;
using AveroPortal.Core.Sessions;
using Dapper;

namespace AveroPortal.Core.Cleanup;

/// <summary>
/// Deletes one-time records that can no longer be used, on SQLite and PostgreSQL alike. Only records that are dead
/// by the same rule the code that reads them applies, so a deleted row and a kept one always answer the same. Login
/// events and the support audit are not one-time records: they stay.
/// </summary>
internal sealed class OneTimeRecordCleanup(Db db, TimeProvider clock)
{
    public const int DefaultBatchSize = 500;

    /// <summary>
    /// Invitations are kept a month after they were sent: a link lives 72 hours, but the support desk's customer page
    /// shows the links sent lately, and the hourly invitation cap counts the last hour's (revoked ones too).
    /// </summary>
    public static readonly TimeSpan InvitationHistory = TimeSpan.FromDays(30);

    /// <summary>Adding a table is one entry here (its own SQL, the same on both databases).</summary>
    public static readonly IReadOnlyList<OneTimeTable> AllTables =
    [
        // An AuthnRequest ID answers for 10 minutes, consumed or not.
        new("saml_requests", """
            DELETE FROM saml_requests WHERE id IN (
                SELECT id FROM saml_requests WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // Used artifacts and assertion IDs are kept until their validity (plus skew and margin) has passed: after
        // that a replay fails on the time checks anyway.
        new("saml_used_ids", """
            DELETE FROM saml_used_ids WHERE (kind, value_hash) IN (
                SELECT kind, value_hash FROM saml_used_ids WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // Ended, idle past the timeout, or past the absolute expiry: SessionRepository.IsLive says no to all three.
        new("sessions", """
            DELETE FROM sessions WHERE id IN (
                SELECT id FROM sessions
                WHERE ended_at IS NOT NULL OR absolute_expiry <= @Now OR last_seen_at <= @SessionIdleSince
                LIMIT @Batch)
            """),
        new("invitations", """
            DELETE FROM invitations WHERE id IN (
                SELECT id FROM invitations WHERE created_at <= @InvitationsSentBefore LIMIT @Batch)
            """),
        new("authenticator_replacements", """
            DELETE FROM authenticator_replacements WHERE account_id IN (
                SELECT account_id FROM authenticator_replacements WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // "Password accepted" and "bank confirmed" steps live five minutes; a sign-in deletes its own row at once.
        new("pending_logins", """
            DELETE FROM pending_logins WHERE id_hash IN (
                SELECT id_hash FROM pending_logins WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // Lock over and last failure out of the window (LockoutPolicy.ForgetsAt): the counter counts as nothing.
        new("unknown_address_attempts", """
            DELETE FROM unknown_address_attempts WHERE address_hash IN (
                SELECT address_hash FROM unknown_address_attempts WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // A reset link works 30 minutes (PasswordResetTokens.Lifetime); past that it answers "verlopen" only until it is gone.
        new("password_resets", """
            DELETE FROM password_resets WHERE token_hash IN (
                SELECT token_hash FROM password_resets WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // The hourly per-address count of reset requests, once its hour is over.
        new("password_reset_requests", """
            DELETE FROM password_reset_requests WHERE address_hash IN (
                SELECT address_hash FROM password_reset_requests WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // WebAuthn challenges live 5 minutes (PasskeyChallengeRepository.Lifetime); verifying deletes its row at once.
        new("passkey_challenges", """
            DELETE FROM passkey_challenges WHERE id_hash IN (
                SELECT id_hash FROM passkey_challenges WHERE expires_at <= @Now LIMIT @Batch)
            """),
        // "Dit was ik niet" links live 7 days; using one deletes its row at once.
        new("freeze_tokens", """
            DELETE FROM freeze_tokens WHERE token_hash IN (
                SELECT token_hash FROM freeze_tokens WHERE expires_at <= @Now LIMIT @Batch)
            """),
    ];

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The tables this instance cleans: <see cref="AllTables"/>, or a test's own list.</summary>
    public IReadOnlyList<OneTimeTable> Tables { get; init; } = AllTables;

    /// <summary>
    /// One pass over every table, batch after batch until a table has no dead rows left; the rows deleted per table.
    /// A table that fails (say a foreign key that does not cascade) does not keep the others from being cleaned: the
    /// pass goes on and throws at the end, naming the tables that failed.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var deleted = new Dictionary<string, long>();
        var failures = new List<Exception>();
        foreach (var table in Tables)
        {
            try
            {
                deleted[table.Name] = await DeleteDeadRowsAsync(table, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new InvalidOperationException($"Cleanup of {table.Name} failed.", e));
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"Cleanup failed for {string.Join(", ", failures.Select(f => f.Message))}", failures);
        }

        return deleted;
    }

    private async Task<long> DeleteDeadRowsAsync(OneTimeTable table, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = clock.GetUtcNow();
            var parameters = new
            {
                Now = now.ToUnixTimeSeconds(),
                Batch = BatchSize,
                SessionIdleSince = now.Subtract(SessionRepository.IdleTimeout).ToUnixTimeSeconds(),
                InvitationsSentBefore = now.Subtract(InvitationHistory).ToUnixTimeSeconds(),
            };
            await using var connection = await db.OpenAsync(cancellationToken);
            var batch = await connection.ExecuteAsync(new CommandDefinition(table.DeleteBatch, parameters, cancellationToken: cancellationToken));
            total += batch;
            if (batch < BatchSize)
            {
                return total;
            }
        }
    }
}
