namespace AveroPortal.Blazor.Formatting;

/// <summary>How pages show stored Unix times (as Dutch local time) and sentences around names (stored codes: <see cref="EventLabels"/>).</summary>
internal static class DisplayFormat
{
    /// <summary>Stored as UTC Unix seconds, shown in Dutch local time whatever the server's zone.</summary>
    public static string DutchTime(long unixSeconds, string format, IFormatProvider culture) =>
        AveroPortal.Core.DutchTime.Local(unixSeconds).ToString(format, culture);

    /// <summary>
    /// A sentence whose last word brings its own full stop ("Bakkerij De Korenbloem B.V." + ".") ends with one.
    /// </summary>
    public static string Sentence(string text) => text.EndsWith("..", StringComparison.Ordinal) && !text.EndsWith("...", StringComparison.Ordinal) ? text[..^1] : text;
}
