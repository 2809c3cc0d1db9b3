namespace AveroPortal.Core.Colleagues;

public enum ReactivateOutcome
{
    /// <summary>The re-activation link went out; it holds a seat while open.</summary>
    Sent,
    NotAdministrator,

    /// <summary>No such account in the actor's company (other companies' ids too).</summary>
    NotFound,

    /// <summary>The account is active: there is nothing to re-activate.</summary>
    NotRevoked,
    LimitReached,
    TooManyInvitations,
    CompanyNotInsured,

    /// <summary>The mail could not be sent; the link was withdrawn again, so it takes no seat.</summary>
    MailFailed,

    /// <summary>The actor is no active business e-mail account.</summary>
    NotAllowed,
}
