namespace AveroPortal.Core.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file in WAL mode, one portal instance.</summary>
    Sqlite,

    /// <summary>A shared server, so several portal instances can run side by side.</summary>
    PostgreSql,
}

/// <summary>
/// Where the data live. SQLite: a file, with the Data Protection keys in a folder next to it. PostgreSQL: a
/// connection string, with the Data Protection keys in the database so every instance shares them.
/// </summary>
public sealed record DatabaseOptions(string Path, DatabaseProvider Provider = DatabaseProvider.Sqlite, string? PostgreSqlConnectionString = null)
{
    public static DatabaseOptions ForPostgreSql(string connectionString) => new("", DatabaseProvider.PostgreSql, connectionString);

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    public string ConnectionString => IsPostgreSql
        ? PostgreSqlConnectionString!
        : $"Data Source={Path};Foreign Keys=True;Pooling=True;Default Timeout=30";

    public string KeysDirectory => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, "keys");
}
