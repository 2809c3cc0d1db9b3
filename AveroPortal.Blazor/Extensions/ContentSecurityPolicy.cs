namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// The portal's one Content-Security-Policy. Scripts only from the portal's own files (no inline script, no eval);
/// the circuit's WebSocket is 'self'. Styles allow 'unsafe-inline' because MudBlazor needs it: its components write
/// style attributes (MudTooltip and MudPopover positions, MudProgress widths, the theme's CSS variables in a
/// &lt;style&gt; element that MudThemeProvider renders), and blazor.web.js inserts its reconnect styles; inline styles can
/// not run script. Images also from data: URIs, for the QR code of the authenticator enrollment.
/// </summary>
internal sealed class ContentSecurityPolicy
{
    private readonly string[] _formTargets;

    public ContentSecurityPolicy(IEnumerable<string> formTargets)
    {
        _formTargets = formTargets.Select(Origin).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        Header = Build(_formTargets);
    }

    public string Header { get; }

    /// <summary>The policy for a page whose form posts to <paramref name="destination"/> (the eHerkenning broker's SSO URL).</summary>
    public string ForFormPostTo(string destination) =>
        Origin(destination) is { } origin ? Build([.. _formTargets, origin]) : Header;

    private static string Build(IEnumerable<string> formTargets) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action " + string.Join(' ', new[] { "'self'" }.Concat(formTargets.Distinct(StringComparer.Ordinal))),
        "frame-ancestors 'none'");

    /// <summary>scheme://host[:port] of an absolute http(s) URL; a CSP source expression can carry nothing else safely.</summary>
    private static string? Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
