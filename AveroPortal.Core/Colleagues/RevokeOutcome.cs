namespace AveroPortal.Core.Colleagues;

public enum RevokeOutcome
{
    Revoked,

    /// <summary>No such account or invitation in the inviter's company; other companies' ids get this answer too.</summary>
    NotFound,
    NotYourself,
    AlreadyRevoked,
    NotAllowed,
}
