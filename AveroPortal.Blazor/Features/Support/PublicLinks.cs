namespace AveroPortal.Blazor.Features.Support;

/// <summary>
/// The portal's public address for links in e-mails: configured (Avero:PublicBaseUrl) in production, so a forged
/// Host header can never put another site's address in a customer's mailbox; the page's own address otherwise.
/// </summary>
internal sealed class PublicLinks(IConfiguration configuration)
{
    public string Base(string pageBaseUri) =>
        configuration["Avero:PublicBaseUrl"] is { Length: > 0 } configured ? configured : pageBaseUri;
}
