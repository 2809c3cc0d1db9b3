using AveroPortal.Blazor.Extensions;

namespace AveroPortal.Blazor.Features.Support;

/// <summary>
/// The portal's public address for links in e-mails: configured (Avero:PublicBaseUrl) in production, so a forged
/// Host header can never put another site's address in a customer's mailbox; the page's own address otherwise.
/// </summary>
internal sealed class PublicLinks(PortalOptions portal)
{
    // As configured, not as Uri normalizes it: a link built on it looks the same as before.
    public string Base(string pageBaseUri) => portal.PublicBase?.OriginalString ?? pageBaseUri;
}
