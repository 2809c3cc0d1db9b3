using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AveroPortal.Core.Data;

/// <summary>Opens one connection per operation; pooling makes that cheap.</summary>
public sealed class Db(DatabaseOptions options)
{
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
