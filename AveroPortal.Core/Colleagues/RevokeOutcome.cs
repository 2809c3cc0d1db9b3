namespace AveroPortal.Core.Colleagues;

public enum RevokeOutcome
{
    Revoked,

    /// <summary>No such account or invitation in the inviter's company; other companies' ids get this answer too.</summary>
    NotFound,
    NotYourself,
    AlreadyRevoked,

    /// <summary>The actor is no active business e-mail account.</summary>
    NotAllowed,

    /// <summary>The actor is an active colleague but not (or no longer) an administrator of the company.</summary>
    NotAdministrator,

    /// <summary>The target is the company's only active administrator: every company keeps one.</summary>
    LastAdministrator,
}
