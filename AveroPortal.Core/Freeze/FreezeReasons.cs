namespace AveroPortal.Core.Freeze;

/// <summary>
/// Which security mail carried the link, as the Supportdesk reads it on the account panel and in the audit.
/// A new security mail adds its own line here.
/// </summary>
public static class FreezeReasons
{
    public const string PasswordChanged = "e-mail: wachtwoord gewijzigd";
    public const string AuthenticatorReplaced = "e-mail: authenticator-app vervangen";
    public const string PasswordReset = "e-mail: wachtwoord opnieuw ingesteld";
    public const string RecoveryCodeUsed = "e-mail: ingelogd met een herstelcode";
    public const string RecoveryCodesRegenerated = "e-mail: nieuwe herstelcodes";
    public const string AuthenticatorUnlinked = "e-mail: authenticator-app ontkoppeld door de Supportdesk";
    public const string AuthenticatorRebound = "e-mail: authenticator-app opnieuw gekoppeld na iDIN";
    public const string PasskeyAdded = "e-mail: passkey toegevoegd";
    public const string PasskeyRenamed = "e-mail: passkey hernoemd";
    public const string PasskeyRemoved = "e-mail: passkey verwijderd";
    public const string PasskeyRemovedBySupport = "e-mail: passkey verwijderd door de Supportdesk";
    public const string ColleagueReactivated = "e-mail: account opnieuw geactiveerd";
    public const string AdministratorGranted = "e-mail: beheerder gemaakt";
}
