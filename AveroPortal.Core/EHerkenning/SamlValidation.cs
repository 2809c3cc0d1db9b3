namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// The outcome of validating a SAML response. <see cref="Detail"/> is a precise English reason for the log;
/// it may quote (sanitised) values from the message and is never shown to customers.
/// </summary>
public sealed record SamlValidation(SamlFailure Failure, string Detail, SamlIdentity? Identity)
{
    public bool Succeeded => Failure == SamlFailure.None;

    internal static SamlValidation Accepted(SamlIdentity identity) => new(SamlFailure.None, "accepted", identity);
}
