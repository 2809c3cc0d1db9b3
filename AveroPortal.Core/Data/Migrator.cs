using System.Data.Common;
using Dapper;

namespace AveroPortal.Core.Data;

/// <summary>
/// Applies the embedded, numbered SQL migrations once each, every one in its own transaction. SQLite and PostgreSQL
/// have their own dialect files (Data/Migrations and Data/Migrations/PostgreSql) with the same numbers.
/// </summary>
public sealed class Migrator(DatabaseOptions options)
{
    /// <summary>Any fixed number: instances starting at once wait for each other instead of migrating twice.</summary>
    private const long PostgreSqlMigrationLock = 0x4156_4552_4F;

    internal sealed record Migration(int Version, string Name, string Sql);

    /// <summary>The newest migration this build ships, for the readiness check (is the database at this version?).</summary>
    public static int LatestVersion(DatabaseProvider provider) => LoadMigrations(provider).Max(m => m.Version);

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (!options.IsPostgreSql && Path.GetDirectoryName(Path.GetFullPath(options.Path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using var db = new Db(options);
        await using var connection = await db.OpenAsync(cancellationToken);
        if (options.IsPostgreSql)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@Key)", new { Key = PostgreSqlMigrationLock });
        }
        else
        {
            // WAL is a property of the file, so setting it once here covers every later connection.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        }

        try
        {
            await ApplyAsync(connection, cancellationToken);
        }
        finally
        {
            if (options.IsPostgreSql)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key = PostgreSqlMigrationLock });
            }
        }
    }

    private async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            );
            """);

        foreach (var migration in LoadMigrations(options.Provider))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            const string sql = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";
            var applied = await connection.ExecuteScalarAsync<long>(sql, new { Version = (long)migration.Version }, transaction);
            if (applied > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { Version = (long)migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() },
                transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    internal static IReadOnlyList<Migration> LoadMigrations(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var prefix = provider == DatabaseProvider.PostgreSql ? "PgMigrations." : "Migrations.";
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^".sql".Length];
                var version = int.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Migration(version, name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }
}
