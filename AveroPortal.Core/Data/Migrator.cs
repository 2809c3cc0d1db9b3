using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AveroPortal.Core.Data;

/// <summary>Applies the embedded, numbered SQL migrations once each, every one in its own transaction.</summary>
public sealed class Migrator(DatabaseOptions options)
{
    internal sealed record Migration(int Version, string Name, string Sql);

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL is a property of the file, so setting it once here covers every later connection.
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            );
            """);

        foreach (var migration in LoadMigrations())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            const string sql = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";
            var applied = await connection.ExecuteScalarAsync<long>(sql, new { migration.Version }, transaction);
            if (applied > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() },
                transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    internal static IReadOnlyList<Migration> LoadMigrations()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n["Migrations.".Length..^".sql".Length];
                var version = int.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Migration(version, name, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }
}
