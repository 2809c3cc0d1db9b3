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
