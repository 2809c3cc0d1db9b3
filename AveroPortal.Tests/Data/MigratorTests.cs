using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Tests.Data;

public sealed class MigratorTests
{
    private static async Task<long> CountMigrationsAsync(TestDatabase database)
    {
        const string sql = "SELECT COUNT(*) FROM schema_migrations";
        await using var connection = await database.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        const string sql = "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name";
        await using var connection = await database.Db.OpenAsync();
        return (await connection.QueryAsync<string>(sql)).AsList();
    }

    [Fact]
    public async Task MigratingAnEmptyFileCreatesTheTablesInWalMode()
    {
        using var database = new TestDatabase();
        Assert.False(File.Exists(database.Path));

        await new Migrator(database.Options).MigrateAsync();

        const string tables = "SELECT name FROM sqlite_master WHERE type = 'table'";
        await using var connection = await database.Db.OpenAsync();
        var names = (await connection.QueryAsync<string>(tables)).ToHashSet();
        foreach (var table in new[] { "schema_migrations", "customers", "companies", "accounts", "authenticator_bindings", "login_events", "sessions" })
        {
            Assert.Contains(table, names);
        }

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(Migrator.LoadMigrations().Count, await CountMigrationsAsync(database));
    }

    [Fact]
    public async Task MigratingTwiceChangesNothing()
    {
        using var database = await TestDatabase.CreateAsync();
        var migrations = await CountMigrationsAsync(database);
        var schema = await SchemaAsync(database);

        await new Migrator(database.Options).MigrateAsync();

        Assert.Equal(migrations, await CountMigrationsAsync(database));
        Assert.Equal(schema, await SchemaAsync(database));
    }

    [Fact]
    public async Task MigratingKeepsExistingData()
    {
        using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAccountAsync("jan@example.com", "hash");

        await new Migrator(database.Options).MigrateAsync();

        Assert.NotNull(await database.Accounts.GetAsync(id));
    }
}
