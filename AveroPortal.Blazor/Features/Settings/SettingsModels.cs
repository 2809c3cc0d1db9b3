namespace AveroPortal.Blazor.Features.Settings;

public sealed class PasswordChangeInput
{
    public string? CurrentPassword { get; set; }

    public string? Code { get; set; }

    public string? NewPassword { get; set; }

    public string? Repeat { get; set; }
}

public sealed class SettingsCodeInput
{
    public string? Code { get; set; }
}

/// <summary>The sections of the settings, in the order of the sub-navigation.</summary>
public enum SettingsSection
{
    Profile,
    Password,
    Authenticator,
    Sessions,
}
