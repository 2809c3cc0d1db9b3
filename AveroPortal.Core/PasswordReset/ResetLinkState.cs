namespace AveroPortal.Core.PasswordReset;

/// <summary>What a reset link is worth right now.</summary>
public enum ResetLinkState
{
    /// <summary>Never issued, malformed, or not for an account.</summary>
    Unknown,
    Expired,
    /// <summary>Used, or the account changed since the request (another reset, an unlink, disabling).</summary>
    Used,
    /// <summary>Open: the second factor comes first.</summary>
    NeedsFactor,
    /// <summary>Open, the factor given (or the account has none enrolled): the new password may be set.</summary>
    NeedsPassword,
}
