using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Core.Configuration;

/// <summary>
/// The one way the portal reads settings; every options type's <c>Read</c> is built on these. Both framework shortcuts lie: <c>Enum.TryParse</c> takes
/// "7" for a value no enum member has, and on Linux <c>Uri.TryCreate("/eherkenning/acs", Absolute)</c> makes it a
/// file URI. A setting that is not what it says stops start-up with a message that names the key.
/// </summary>
public static class ConfigurationValues
{
    /// <summary>The value, or null when the key is missing or blank.</summary>
    public static string? Optional(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>A value that must be there; <paramref name="what"/> tells the operator what it is for.</summary>
    public static string Required(IConfiguration configuration, string key, string? what = null) =>
        Optional(configuration, key)
        ?? throw new InvalidOperationException(what is null ? $"Configuratie ontbreekt: {key}." : $"Configuratie ontbreekt: {key} ({what}).");

    /// <summary>true or false (any case); anything else is refused instead of read as the default.</summary>
    public static bool Bool(IConfiguration configuration, string key, bool whenMissing)
    {
        var value = Optional(configuration, key);
        return value is null ? whenMissing
            : bool.TryParse(value.Trim(), out var parsed) ? parsed
            : throw new InvalidOperationException($"{key} is '{value}'; kies true of false.");
    }

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>; a value outside that range stops start-up
    /// instead of being clamped, so the operator learns that the setting did not do what was meant.
    /// </summary>
    public static int IntInRange(IConfiguration configuration, string key, int whenMissing, int min, int max = int.MaxValue)
    {
        var value = Optional(configuration, key);
        if (value is null)
        {
            return whenMissing;
        }

        if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        var range = max == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"minstens {min}")
            : string.Create(CultureInfo.InvariantCulture, $"van {min} tot en met {max}");
        throw new InvalidOperationException($"{key} is '{value}'; kies een heel getal {range}.");
    }

    /// <summary><see cref="NamedEnum{T}(string?, string, T)"/> for the value under <paramref name="key"/>.</summary>
    public static T NamedEnum<T>(IConfiguration configuration, string key, T whenMissing) where T : struct, Enum =>
        NamedEnum(configuration[key], key, whenMissing);

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
