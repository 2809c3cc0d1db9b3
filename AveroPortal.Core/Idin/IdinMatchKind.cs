namespace AveroPortal.Core.Idin;

/// <summary>Outcome of matching a bank identity against Avéro's customers.</summary>
public enum IdinMatchKind { FullMatch, Partial, NoMatch }
