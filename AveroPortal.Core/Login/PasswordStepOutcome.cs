namespace AveroPortal.Core.Login;

public enum PasswordStepOutcome
{
    /// <summary>Password right; the authenticator code (or enrollment) comes next.</summary>
    Accepted,
    /// <summary>Unknown e-mail address or wrong password: one answer for both.</summary>
    InvalidCredentials,
    LockedOut,
    /// <summary>Right password, but the account belongs to the other portal.</summary>
    WrongPortal,
    BadInput,
    /// <summary>
    /// Right password, but the account is frozen ("Dit was ik niet"): only after the right password, so the freeze
    /// tells nothing about an address to someone who does not know its password.
    /// </summary>
    Frozen,
    /// <summary>
    /// Right password, but the company ended this colleague's access (the account is disabled); like
    /// <see cref="Frozen"/> only after the right password. The result carries the account for the company's name.
    /// </summary>
    AccessEnded,
}
