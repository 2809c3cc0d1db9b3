using System.Data.Common;
using AveroPortal.Core.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AveroPortal.Blazor.Operations;

/// <summary>
/// The database answers and carries every migration this build ships. SQLite is opened on a fresh, unpooled,
/// read-only connection: a pooled one keeps a file open that may since have gone, and read-only never creates an
/// empty database where the real one was.
/// </summary>
internal sealed class DatabaseHealthCheck(DatabaseOptions options, Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var applied = await connection.ExecuteScalarAsync<long?>(
            new CommandDefinition("SELECT MAX(version) FROM schema_migrations", cancellationToken: cancellationToken));
        var latest = Migrator.LatestVersion(options.Provider);
        return applied >= latest
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"database at migration {applied?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, this build needs {latest}");
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (options.IsPostgreSql)
        {
            return await db.OpenAsync(cancellationToken);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
