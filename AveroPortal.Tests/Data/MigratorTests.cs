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

    [Fact]
    public async Task Migration15MakesTheFirstActiveBusinessAccountOfEachCompanyAdministratorAndKeepsTheInvitations()
    {
        using var database = new TestDatabase();
        await using (var connection = await database.Db.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            foreach (var migration in Migrator.LoadMigrations().Where(m => m.Version < 15))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@Version, @Name, 0)", new { Version = (long)migration.Version, migration.Name });
            }

            await connection.ExecuteAsync("""
                INSERT INTO companies (id, kvk_number, name, city, insured, adviser_name, adviser_phone, adviser_email)
                VALUES (1, '11111111', 'Een', 'Sneek', 1, 'A', '1', 'a@example.com'), (2, '22222222', 'Twee', 'Joure', 1, 'A', '1', 'a@example.com');
                INSERT INTO accounts (id, portal, email, email_normalized, display_name, password_hash, company_id, security_stamp, created_at, disabled_at)
                VALUES (10, 'business', 'weg@een.example', 'weg@een.example', 'Weg', 'h', 1, 's', 0, 5),
                       (11, 'business', 'eerste@een.example', 'eerste@een.example', 'Eerste', 'h', 1, 's', 0, NULL),
                       (12, 'business', 'tweede@een.example', 'tweede@een.example', 'Tweede', 'h', 1, 's', 0, NULL),
                       (20, 'business', 'enige@twee.example', 'enige@twee.example', 'Enige', 'h', 2, 's', 0, NULL);
                INSERT INTO invitations (id, kind, token_hash, email, display_name, portal, company_id, created_by, created_at, expires_at)
                VALUES (7, 'colleague', 'HASH', 'nieuw@een.example', 'Nieuw', 'business', 1, 11, 0, 99);
                """);
        }

        await new Migrator(database.Options).MigrateAsync();

        await using var migrated = await database.Db.OpenAsync();
        Assert.Equal([11L, 20L], (await migrated.QueryAsync<long>("SELECT id FROM accounts WHERE company_admin = 1 ORDER BY id")).AsList());
        Assert.Equal("nieuw@een.example", await migrated.ExecuteScalarAsync<string>("SELECT email FROM invitations WHERE id = 7"));
        await migrated.ExecuteAsync("""
            INSERT INTO invitations (kind, token_hash, email, display_name, portal, company_id, created_by, created_at, expires_at, account_id)
            VALUES ('colleague-reactivation', 'HASH2', 'weg@een.example', 'Weg', 'business', 1, 11, 0, 99, 10)
            """);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => migrated.ExecuteAsync("""
            INSERT INTO invitations (kind, token_hash, email, display_name, portal, created_at, expires_at)
            VALUES ('iets-anders', 'HASH3', 'x@example.com', 'X', 'business', 0, 99)
            """));
    }
}
