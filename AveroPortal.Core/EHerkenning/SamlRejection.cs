namespace AveroPortal.Core.EHerkenning;

// Thrown deep inside the checks and caught once in SamlResponseValidator, so every check reads as one straight line.
internal sealed class SamlRejection(SamlFailure failure, string detail) : Exception(detail)
{
    public SamlFailure Failure { get; } = failure;
}
