namespace AveroPortal.Core.Invitations;

public enum AcceptOutcome
{
    Created,
    InvalidLink,
    PasswordRejected,
    PasswordsDiffer,
    EmailTaken,
    BadInput,

    /// <summary>Re-activation: the company has no free seat (five active accounts and open links) at this moment.</summary>
    LimitReached,

    /// <summary>Re-activation: the company is no longer insured.</summary>
    CompanyNotInsured,
}
