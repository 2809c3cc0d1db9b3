namespace AveroPortal.Core.Configuration;

/// <summary>
/// The one way the portal reads enum and URL settings. Both framework shortcuts lie: <c>Enum.TryParse</c> takes
/// "7" for a value no enum member has, and on Linux <c>Uri.TryCreate("/eherkenning/acs", Absolute)</c> makes it a
/// file URI. A setting that is not what it says stops start-up with a message that names the key.
/// </summary>
public static class ConfigurationValues
{
    /// <summary>One of the enum's member names (any case); numbers and unknown names are refused.</summary>
    public static T NamedEnum<T>(string? value, string key, T whenMissing) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return whenMissing;
        }

        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<T>(name)
            : throw new InvalidOperationException($"{key} '{value}' is onbekend; kies {string.Join(" of ", Enum.GetNames<T>())}.");
    }

    /// <summary>
    /// An absolute http(s) URL with a host. With <paramref name="httpsOnly"/>, plain http is allowed only for a
    /// loopback host when <paramref name="allowLoopbackHttp"/> (Development and tests).
    /// </summary>
    public static Uri AbsoluteHttpUrl(string? value, string key, bool httpsOnly = false, bool allowLoopbackHttp = false)
    {
        if (!IsAbsoluteHttpUrl(value, out var uri))
        {
            throw new InvalidOperationException($"{key} '{value}' is geen absolute http(s)-URL (bijvoorbeeld https://portaal.example.nl/...).");
        }

        if (httpsOnly && uri.Scheme != Uri.UriSchemeHttps && !(allowLoopbackHttp && uri.IsLoopback))
        {
            throw new InvalidOperationException(allowLoopbackHttp
                ? $"{key} '{value}' moet https gebruiken (http alleen naar localhost)."
                : $"{key} '{value}' moet https gebruiken.");
        }

        return uri;
    }

    public static bool IsAbsoluteHttpUrl(string? value, out Uri uri)
    {
        uri = default!;
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host) || parsed.IsUnc || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return false;
        }

        uri = parsed;
        return true;
    }
}
