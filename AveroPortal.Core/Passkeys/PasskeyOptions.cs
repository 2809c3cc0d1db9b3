using AveroPortal.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Core.Passkeys;

/// <summary>
/// The relying party of the passkeys: its ID (a domain name the browser scopes credentials to), its display name, and
/// the origins whose pages may use them. Read once at start-up; a value that can not work stops the app.
/// </summary>
/// <param name="Origins">Absolute origins ("https://portaal.example.nl"), without path, each on the RP ID or a subdomain of it.</param>
/// <param name="AllowAnyLocalhostPort">Also any http://localhost:&lt;port&gt; (Development, and tests on a random port).</param>
public sealed record PasskeyOptions(string RelyingPartyId, string RelyingPartyName, IReadOnlyList<string> Origins, bool AllowAnyLocalhostPort)
{
    public const string Section = "Avero:Passkeys";

    public static PasskeyOptions Read(IConfiguration configuration, bool isDevelopment)
    {
        // Avero:PublicBaseUrl is validated where it is read for itself; here only a usable one counts.
        var publicBase = ConfigurationValues.IsAbsoluteHttpUrl(ConfigurationValues.Optional(configuration, "Avero:PublicBaseUrl"), out var baseUri)
            ? baseUri
            : null;
        var configuredId = ConfigurationValues.Optional(configuration, $"{Section}:RelyingPartyId")?.Trim().TrimEnd('.').ToLowerInvariant();
        if (configuredId is not null && !IsDomainName(configuredId))
        {
            throw new InvalidOperationException($"{Section}:RelyingPartyId '{configuredId}' is geen domeinnaam (een IP-adres kan niet: WebAuthn weigert dat).");
        }

        // Without an ID of its own the portal's public host is the relying party, when it is a domain name; otherwise
        // (no public address, or an IP address as in some test hosts) "localhost": passkeys then only work on a local address.
        var publicHost = publicBase?.IdnHost.TrimEnd('.').ToLowerInvariant();
        var rpId = configuredId ?? (publicHost is not null && IsDomainName(publicHost) ? publicHost : "localhost");

        var name = ConfigurationValues.Optional(configuration, $"{Section}:RelyingPartyName")?.Trim() ?? "Avéro Achmea";
        // Development's default only where it can work: a browser scopes a localhost page's passkeys to "localhost".
        var allowLocalhost = ConfigurationValues.Bool(configuration, $"{Section}:AllowAnyLocalhostPort", isDevelopment && rpId == "localhost");
        if (allowLocalhost && rpId != "localhost")
        {
            throw new InvalidOperationException($"{Section}:AllowAnyLocalhostPort werkt alleen met RelyingPartyId 'localhost' (nu '{rpId}').");
        }

        var configured = ReadList(configuration, $"{Section}:Origins");
        var origins = new List<string>();
        if (configured.Count == 0 && publicBase is not null && NormalizeOrigin(publicBase.GetLeftPart(UriPartial.Authority), rpId) is { } derived)
        {
            // The public address's origin, when it can serve the relying party (not an IP address, https or localhost).
            origins.Add(derived);
        }

        foreach (var value in configured)
        {
            var origin = NormalizeOrigin(value, rpId)
                ?? throw new InvalidOperationException(
                    $"{Section}:Origins '{value}' is geen origin van '{rpId}': kies https://{rpId} of een subdomein (http alleen voor localhost), zonder pad.");
            if (!origins.Contains(origin))
            {
                origins.Add(origin);
            }
        }

        return new PasskeyOptions(rpId, name, origins, allowLocalhost);
    }

    /// <summary>Whether a page on <paramref name="origin"/> (the clientDataJSON's) may use this relying party's passkeys.</summary>
    public bool IsAllowedOrigin(string? origin)
    {
        if (origin is null || NormalizeOrigin(origin, RelyingPartyId) is not { } normal || normal != origin)
        {
            return false;
        }

        return Origins.Contains(normal)
            || (AllowAnyLocalhostPort && Uri.TryCreate(normal, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.Host == "localhost");
    }

    /// <summary>The origin as a browser writes it ("scheme://host[:port]", lower case), or null when it can not serve <paramref name="rpId"/>.</summary>
    private static string? NormalizeOrigin(string value, string rpId)
    {
        if (!ConfigurationValues.IsAbsoluteHttpUrl(value.Trim(), out var uri) || uri.PathAndQuery is not ("/" or "") || uri.Fragment.Length > 0
            || uri.UserInfo.Length > 0 || value.Trim().TrimEnd('/').Length != uri.GetLeftPart(UriPartial.Authority).Length)
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var onRp = host == rpId || host.EndsWith("." + rpId, StringComparison.Ordinal);
        var secure = uri.Scheme == Uri.UriSchemeHttps || host == "localhost";
        return onRp && secure ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() : null;
    }

    private static bool IsDomainName(string value) =>
        value.Length is > 0 and <= 253
        && !System.Net.IPAddress.TryParse(value, out _)
        && value.Split('.').All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        && !value.Split('.')[^1].All(char.IsAsciiDigit);

    /// <summary>An array section, or one comma-separated value.</summary>
    private static List<string> ReadList(IConfiguration configuration, string key)
    {
        var items = configuration.GetSection(key).GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        return items.Count > 0
            ? items
            : (ConfigurationValues.Optional(configuration, key) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
