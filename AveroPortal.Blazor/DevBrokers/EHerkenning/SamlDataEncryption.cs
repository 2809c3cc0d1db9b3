namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

/// <summary>How the builder encrypts EncryptedID data.</summary>
// Public only because xunit theories in the tests take it as a parameter; the builder itself is internal.
public enum SamlDataEncryption
{
    Aes256Cbc,
    Aes128Cbc,
    Aes256Gcm,
    Aes128Gcm,
}
