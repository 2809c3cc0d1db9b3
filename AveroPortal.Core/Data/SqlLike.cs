namespace AveroPortal.Core.Data;

/// <summary>Turns user text into a LIKE pattern that matches it literally (with ESCAPE '\' in the SQL).</summary>
internal static class SqlLike
{
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
