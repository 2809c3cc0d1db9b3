namespace AveroPortal.Core.Settings;

/// <summary>Login events of the settings pages; they show up in the customer's login history next to real logins.</summary>
public static class SettingsEvents
{
    public const string PasswordChangeMethod = "settings-password";
    public const string AuthenticatorReplacementMethod = "settings-authenticator";

    public const string PasswordChanged = "password-changed";
    public const string AuthenticatorReplaced = "authenticator-replaced";
}
