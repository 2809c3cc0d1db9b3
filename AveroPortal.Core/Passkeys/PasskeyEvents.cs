namespace AveroPortal.Core.Passkeys;

/// <summary>Login events of the passkey settings; they show up in the customer's login history next to real logins.</summary>
public static class PasskeyEvents
{
    public const string SettingsMethod = "settings-passkey";

    public const string Added = "passkey-added";
    public const string Renamed = "passkey-renamed";
    public const string Removed = "passkey-removed";
}
