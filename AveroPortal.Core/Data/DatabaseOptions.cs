using AveroPortal.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Core.Data;

/// <summary>
/// Where the data live. SQLite: a file, with the Data Protection keys in a folder next to it. PostgreSQL: a
/// connection string, with the Data Protection keys in the database so every instance shares them.
/// </summary>
public sealed record DatabaseOptions(string Path, DatabaseProvider Provider = DatabaseProvider.Sqlite, string? PostgreSqlConnectionString = null)
{
    public const string Section = "Avero:Database";

    public static DatabaseOptions ForPostgreSql(string connectionString) => new("", DatabaseProvider.PostgreSql, connectionString);

    /// <summary>Avero:Database:Provider (Sqlite, the default, or PostgreSql) with its Path or ConnectionString.</summary>
    public static DatabaseOptions Read(IConfiguration configuration, string contentRoot)
    {
        // Named values only: Enum.TryParse would take "1" for PostgreSql.
        var provider = ConfigurationValues.NamedEnum(configuration, $"{Section}:Provider", DatabaseProvider.Sqlite);
        if (provider == DatabaseProvider.PostgreSql)
        {
            return ForPostgreSql(ConfigurationValues.Required(configuration, $"{Section}:ConnectionString", "PostgreSQL-verbinding"));
        }

        // A relative path is taken from the app's folder, not from wherever the process was started.
        var path = ConfigurationValues.Required(configuration, $"{Section}:Path", "pad naar het SQLite-bestand");
        return new DatabaseOptions(System.IO.Path.GetFullPath(path, contentRoot));
    }

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    public string ConnectionString => IsPostgreSql
        ? PostgreSqlConnectionString!
        : $"Data Source={Path};Foreign Keys=True;Pooling=True;Default Timeout=30";

    public string KeysDirectory => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, "keys");
}
