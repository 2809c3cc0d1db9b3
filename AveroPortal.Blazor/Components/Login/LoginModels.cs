namespace AveroPortal.Blazor.Components.Login;

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
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Customers read times in Dutch local time.</summary>
    public static string LocalTime(DateTimeOffset? utc) =>
        utc is { } t ? TimeZoneInfo.ConvertTime(t, Amsterdam).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string PortalSlug(string portal) => portal == Core.Login.Portals.Business ? "zakelijk" : "particulier";
}

public sealed class NewPasswordInput
{
    public string? Password { get; set; }

    public string? Repeat { get; set; }
}
