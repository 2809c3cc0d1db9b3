using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AveroPortal.Core.Data;

/// <summary>Opens one connection per operation; pooling (SQLite's, or Npgsql's data source) makes that cheap.</summary>
public sealed class Db(DatabaseOptions options) : IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _postgres = new(() => NpgsqlDataSource.Create(options.ConnectionString));

    public DatabaseOptions Options => options;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (options.IsPostgreSql)
        {
            return await _postgres.Value.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // busy_timeout: SQLite itself waits (in short steps) for the write lock; otherwise Microsoft.Data.Sqlite's
        // retry sleeps 150 ms on the request thread. synchronous=NORMAL: in WAL mode a commit no longer waits for the
        // disk; the database stays consistent, a power cut can lose the last commits. See docs/performance.md.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    /// <summary>A UNIQUE constraint refused the row (SQLite: constraint error 19; PostgreSQL: SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public void Dispose()
    {
        if (_postgres.IsValueCreated)
        {
            _postgres.Value.Dispose();
        }
    }
}
