namespace AveroPortal.Core.Factors;

public enum FactorVerdict
{
    Right,
    Wrong,
    /// <summary>Right once, but already used: a failure like a wrong proof.</summary>
    Replayed,
}
