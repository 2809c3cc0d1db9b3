namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// A SAML message refused by the parser, the signature verifier or the validator; <see cref="Exception.Message"/> is a
/// precise English reason for the log. Thrown deep inside the checks so each reads as one straight line.
/// </summary>
public sealed class SamlRejection(SamlFailure failure, string detail) : Exception(detail)
{
    /// <summary>Which rule the message broke.</summary>
    public SamlFailure Failure { get; } = failure;
}
