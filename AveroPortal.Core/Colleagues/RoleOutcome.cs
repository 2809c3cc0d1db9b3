namespace AveroPortal.Core.Colleagues;

public enum RoleOutcome
{
    Granted,
    SteppedDown,
    NotAdministrator,

    /// <summary>No such account in the actor's company (other companies' ids too).</summary>
    NotFound,

    /// <summary>The target account is revoked: re-activate it first.</summary>
    NotActive,
    AlreadyAdministrator,

    /// <summary>Stepping down would leave the company without an active administrator.</summary>
    LastAdministrator,

    /// <summary>The actor is no active business e-mail account (or, for the Supportdesk, the target is no business account).</summary>
    NotAllowed,
}
