namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

/// <summary>How the builder transports the EncryptedID data key.</summary>
// Public only because xunit theories in the tests take it as a parameter; the builder itself is internal.
public enum SamlKeyTransport
{
    /// <summary>xmlenc#rsa-oaep-mgf1p with SHA-1 (the common broker choice).</summary>
    RsaOaepMgf1pSha1,

    /// <summary>xmlenc11#rsa-oaep with SHA-256 and MGF1-SHA-256.</summary>
    RsaOaepSha256,
}
