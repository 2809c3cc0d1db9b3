namespace AveroPortal.Core.EHerkenning;

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
