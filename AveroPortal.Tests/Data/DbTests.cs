using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AveroPortal.Tests.Data;

/// <summary>
/// Db sets busy_timeout and synchronous once per native SQLite connection (the pool hands the same one out again),
/// no longer on every open: every connection it hands out must still have both.
/// </summary>
public sealed class DbTests
{
    private static async Task AssertConfiguredAsync(DbConnection connection)
    {
        Assert.Equal(5000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        // 1 = NORMAL (the default of a fresh connection is 2 = FULL).
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }

    [Fact]
    public async Task AConnectionThePoolHandsOutAgainKeepsItsBusyTimeoutAndSynchronous()
    {
        using var database = new TestDatabase();
        for (var i = 0; i < 3; i++)
        {
            await using var connection = await database.Db.OpenAsync();
            await AssertConfiguredAsync(connection);
        }
    }

    [Fact]
    public async Task ConnectionsOpenAtTheSameTimeAreEachConfigured()
    {
        using var database = new TestDatabase();
        await using var first = await database.Db.OpenAsync();
        await using var second = await database.Db.OpenAsync();
        await using var third = await database.Db.OpenAsync();

        Assert.NotSame(((SqliteConnection)first).Handle, ((SqliteConnection)second).Handle);
        await AssertConfiguredAsync(first);
        await AssertConfiguredAsync(second);
        await AssertConfiguredAsync(third);
    }

    [Fact]
    public async Task AConnectionOpenedAfterThePoolWasClearedIsConfiguredAgain()
    {
        using var database = new TestDatabase();
        await using (var before = await database.Db.OpenAsync())
        {
            await AssertConfiguredAsync(before);
        }

        SqliteConnection.ClearAllPools();

        await using var after = await database.Db.OpenAsync();
        await AssertConfiguredAsync(after);
    }
}
