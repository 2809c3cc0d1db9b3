namespace AveroPortal.Core.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: one file in WAL mode, one portal instance.</summary>
    Sqlite,

    /// <summary>A shared server, so several portal instances can run side by side.</summary>
    PostgreSql,
}
