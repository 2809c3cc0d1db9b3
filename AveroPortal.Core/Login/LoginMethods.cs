namespace AveroPortal.Core.Login;

/// <summary>The names of the login methods, as stored in login events and sessions and carried in the session cookie.</summary>
public static class LoginMethods
{
    public const string Password = "password";
    public const string Authenticator = "authenticator";
    /// <summary>A session started by password and authenticator code (the method a password session carries).</summary>
    public const string PasswordAndAuthenticator = "password+totp";
    /// <summary>The code step answered with a recovery code instead of an authenticator code.</summary>
    public const string RecoveryCode = "recovery-code";
    /// <summary>A session started by password and recovery code.</summary>
    public const string PasswordAndRecoveryCode = "password+recovery-code";
    /// <summary>A passkey: the second factor after the password, or passwordless on its own (user verification makes it multi-factor).</summary>
    public const string Passkey = "passkey";
    /// <summary>A session started by password and passkey.</summary>
    public const string PasswordAndPasskey = "password+passkey";
    public const string Idin = "idin";
    public const string EHerkenning = "eherkenning";
}
