namespace AveroPortal.Core.EHerkenning;

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
