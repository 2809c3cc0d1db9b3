namespace AveroPortal.Core.Factors;

/// <summary>The one outcome of a factor check.</summary>
public sealed record FactorResult(FactorOutcome Outcome, FactorKind? RefusedBy = null, DateTimeOffset? LockedUntil = null)
{
    public static readonly FactorResult Unavailable = new(FactorOutcome.Unavailable);
}
