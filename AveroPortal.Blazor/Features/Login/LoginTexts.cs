namespace AveroPortal.Blazor.Features.Login;

internal static class LoginTexts
{
    /// <summary>Customers read times in Dutch local time.</summary>
    public static string LocalTime(DateTimeOffset? utc) =>
        utc is { } t ? AveroPortal.Core.DutchTime.Local(t).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string PortalSlug(string portal) => portal == Core.Login.Portals.Business ? "zakelijk" : "particulier";
}
