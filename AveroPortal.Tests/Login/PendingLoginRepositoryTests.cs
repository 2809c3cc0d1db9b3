using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;
using OtpNet;

namespace AveroPortal.Tests.Login;

/// <summary>The pending login on SQLite (the same facts run on PostgreSQL in <see cref="PendingLoginPostgreSqlTests"/>).</summary>
public sealed class PendingLoginRepositoryTests : PendingLoginFacts
{
    private protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.CreateAsync();
}

/// <summary>The pending login's SQL (the conditional DELETE, the stamp join, the hand-over transaction) on PostgreSQL.</summary>
public sealed class PendingLoginPostgreSqlTests(PostgresFixture postgres) : PendingLoginFacts, IClassFixture<PostgresFixture>
{
    private protected override async Task<TestDatabase> DatabaseAsync() =>
        await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
}

/// <summary>
/// "Password accepted" as a server-side, single-use record (issue 11, point 1): only a hash stored, five minutes,
/// used up by exactly one completion, ended by a newer password step and by any security-stamp change.
/// </summary>
public abstract partial class PendingLoginFacts
{
    private static readonly ClientInfo Client = ClientInfo.Of("192.0.2.1", "xunit");

    private protected abstract Task<TestDatabase> DatabaseAsync();

    private static async Task<(long AccountId, byte[] Secret)> EnrolledAccountAsync(TestDatabase database, string email)
    {
        var id = await database.AddAccountAsync(email);
        var enrollment = await database.Login.GetEnrollmentAsync(id);
        var secret = Base32Encoding.ToBytes(enrollment!.Base32Secret);
        Assert.Equal(CodeStepOutcome.Accepted, (await database.Login.ConfirmEnrollmentAsync(id, Code(database, secret), Client)).Outcome);
        // A later login: the next time step, so the enrollment's code is not the one the login needs.
        database.Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));
        return (id, secret);
    }

    private static string Code(TestDatabase database, byte[] secret, int stepOffset = 0) =>
        TotpPolicy.ComputeCode(secret, database.Clock.GetUtcNow().AddSeconds(stepOffset * TotpPolicy.StepSeconds));

    private static async Task<string> StartAsync(TestDatabase database, long accountId, string? returnUrl = null) =>
        await database.PendingLogins.StartAsync((await database.Accounts.GetAsync(accountId))!, returnUrl);

    /// <summary>
    /// Fills the connection pool first: opening new PostgreSQL connections one by one would spread the racers out in
    /// time, and a racy check-then-delete could then pass by luck.
    /// </summary>
    private static Task WarmUpAsync(TestDatabase database, int connections) =>
        AllAtOnce.RunAsync(connections, async () =>
        {
            await using var connection = await database.Db.OpenAsync();
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pending_logins");
        });

    private static async Task<long> RowsAsync(TestDatabase database)
    {
        await using var connection = await database.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pending_logins");
    }
}
