namespace AveroPortal.Core.Data;

/// <summary>Where the embedded SQLite database lives. Data Protection keys are kept next to it.</summary>
public sealed record DatabaseOptions(string Path)
{
    public string ConnectionString => $"Data Source={Path};Foreign Keys=True;Pooling=True;Default Timeout=30";

    public string KeysDirectory => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!, "keys");
}
