using System.Globalization;
using System.Security.Claims;
using AveroPortal.Core.Support;

namespace AveroPortal.Blazor.Support;

internal static class StaffClaims
{
    /// <summary>The acting agent, from the signed-in session only.</summary>
    public static StaffMember? From(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
        && user.FindFirstValue(ClaimTypes.Email) is { } email
        && user.FindFirstValue(ClaimTypes.Role) is { } role
            ? new StaffMember(id, email, role)
            : null;
}

/// <summary>
/// The portal's public address for links in e-mails: configured (Avero:PublicBaseUrl) in production, so a forged
/// Host header can never put another site's address in a customer's mailbox; the page's own address otherwise.
/// </summary>
internal sealed class PublicLinks(IConfiguration configuration)
{
    public string Base(string pageBaseUri) =>
        configuration["Avero:PublicBaseUrl"] is { Length: > 0 } configured ? configured : pageBaseUri;
}
