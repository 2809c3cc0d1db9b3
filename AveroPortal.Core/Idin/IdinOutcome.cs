namespace AveroPortal.Core.Idin;

public enum IdinOutcome
{
    SignedIn,
    /// <summary>One customer partly matches: the customer may see which fields differ.</summary>
    Mismatch,
    NoMatch,
}
