namespace AveroPortal.Blazor.Features.Login;

public sealed class PasswordInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public sealed class CodeInput
{
    public string? Code { get; set; }
}

internal static class LoginTexts
{
    /// <summary>Customers read times in Dutch local time.</summary>
    public static string LocalTime(DateTimeOffset? utc) =>
        utc is { } t ? AveroPortal.Core.DutchTime.Local(t).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string PortalSlug(string portal) => portal == Core.Login.Portals.Business ? "zakelijk" : "particulier";
}

public sealed class NewPasswordInput
{
    public string? Password { get; set; }

    public string? Repeat { get; set; }
}
