using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AveroPortal.Core.Data;

/// <summary>Opens one connection per operation; pooling (SQLite's, or Npgsql's data source) makes that cheap.</summary>
public sealed class Db(DatabaseOptions options) : IDisposable
{
    internal const string ConnectionPragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    private static readonly object Configured = new();

    /// <summary>Native SQLite connections that have had <see cref="ConnectionPragmas"/>; an entry goes with its connection.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

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
        // Both are settings of the native connection, which the pool hands out again: set once per native
        // connection, not on every open (a login opens about twenty).
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = ConnectionPragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            _configured.AddOrUpdate(handle, Configured);
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
