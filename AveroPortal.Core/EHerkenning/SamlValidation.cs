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

/// <summary>Why a SAML response was refused; <see cref="None"/> when it was accepted.</summary>
public enum SamlFailure
{
    None,

    /// <summary>StatusCode AuthnFailed: the user cancelled at the broker.</summary>
    Cancelled,
    TooLarge,
    Malformed,
    Dtd,
    Unsigned,
    BadSignature,
    Wrapping,
    WeakAlgorithm,
    Status,
    Issuer,
    Destination,
    Recipient,
    Audience,
    Expired,
    NotYetValid,
    InResponseTo,
    LevelTooLow,
    ServiceMismatch,
    Decryption,
    KvkMissing,
}

/// <summary>
/// What a verified assertion says. The caller must still consume <see cref="InResponseTo"/> against its stored,
/// outstanding request ids (once), and store <see cref="AssertionId"/> until <see cref="NotOnOrAfter"/> plus the
/// clock skew to refuse replays.
/// </summary>
/// <param name="Level">The full AuthnContextClassRef, e.g. <c>urn:etoegang:core:assurance-class:loa3</c>.</param>
/// <param name="NotOnOrAfter">The earlier of Conditions/@NotOnOrAfter and SubjectConfirmationData/@NotOnOrAfter.</param>
/// <param name="ActingSubjectId">The acting person's pseudonym (ActingSubjectID, else the 1.13 Pseudo attribute).</param>
/// <param name="NameId">The Subject NameID (transient in eHerkenning: it does not identify the company).</param>
public sealed record SamlIdentity(
    string Issuer,
    string InResponseTo,
    string AssertionId,
    DateTimeOffset NotOnOrAfter,
    string Level,
    string? KvkNumber,
    string? Rsin,
    string? ActingSubjectId,
    string? CompanyName,
    string? BranchNumber,
    string? ServiceId,
    string? ServiceUuid,
    string NameId);
