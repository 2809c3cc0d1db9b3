namespace AveroPortal.Blazor.Features.Settings;

/// <summary>The sections of the settings, in the order of the sub-navigation.</summary>
public enum SettingsSection
{
    Profile,
    Password,
    Authenticator,
    RecoveryCodes,
    Passkeys,
    Sessions,
}
