namespace AveroPortal.Core.Factors;

public enum FactorOutcome
{
    /// <summary>Every factor right (and the claim, if any, won): the failures are reset or, after a first factor, taken back.</summary>
    Accepted,
    /// <summary>A factor was wrong or replayed; see <see cref="FactorResult.RefusedBy"/>.</summary>
    Refused,
    LockedOut,
    /// <summary>Every factor right, but what they were to unlock was used up or ended a moment ago. The attempt stays counted.</summary>
    ClaimLost,
    /// <summary>The account has no such factor to check (not enrolled): nothing was counted.</summary>
    Unavailable,
}
