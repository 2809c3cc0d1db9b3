using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// A passkey in software, for unit tests: an ECDSA P-256 key that answers the portal's WebAuthn options the way a
/// browser hands an authenticator's answer to the page (the JSON of PublicKeyCredential.toJSON()): a registration with
/// attestation "none" and assertions. Everything that a real one decides is settable, so tests can make the answers
/// that must be refused: another origin or RP ID, no user verification, a counter that goes back, a changed challenge.
/// </summary>
internal sealed class SoftwareAuthenticator : IDisposable
{
    private const byte UserPresentFlag = 0x01;
    private const byte UserVerifiedFlag = 0x04;
    private const byte AttestedDataFlag = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The user handle from the registration's options: what a discoverable credential answers with.</summary>
    public byte[]? UserHandle { get; set; }

    /// <summary>The page the browser says the ceremony ran on (clientDataJSON's origin).</summary>
    public string Origin { get; set; } = "http://localhost:5080";

    /// <summary>The RP ID whose SHA-256 starts the authenticator data; null: the options' own.</summary>
    public string? RpId { get; set; }

    public bool UserPresent { get; set; } = true;

    public bool UserVerified { get; set; } = true;

    /// <summary>The signature counter of the next answer; every assertion adds one first, unless <see cref="FixedCounter"/>.</summary>
    public uint Counter { get; set; }

    /// <summary>Keeps <see cref="Counter"/> as it is (an authenticator without a counter answers 0 every time, or a clone).</summary>
    public bool FixedCounter { get; set; }

    public static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>navigator.credentials.create() with the portal's options.</summary>
    public string Register(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        UserHandle ??= System.Buffers.Text.Base64Url.DecodeFromChars((string)options["user"]!["id"]!);
        var rpId = RpId ?? (string?)options["rp"]?["id"] ?? "localhost";
        var clientData = ClientData("webauthn.create", (string)options["challenge"]!);
        var authData = AuthenticatorData(rpId, AttestedDataFlag, Counter, AttestedCredentialData());
        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authData);
        attestation.WriteEndMap();
        return JsonSerializer.Serialize(new
        {
            id = Base64Url(CredentialId),
            rawId = Base64Url(CredentialId),
            type = "public-key",
            response = new
            {
                attestationObject = Base64Url(attestation.Encode()),
                clientDataJSON = Base64Url(clientData),
                transports = new[] { "internal", "hybrid" },
            },
            clientExtensionResults = new { },
        });
    }

    /// <summary>navigator.credentials.get() with the portal's options.</summary>
    public string Assert(string optionsJson)
    {
        var options = JsonNode.Parse(optionsJson)!;
        if (!FixedCounter)
        {
            Counter++;
        }

        var clientData = ClientData("webauthn.get", (string)options["challenge"]!);
        var authData = AuthenticatorData(RpId ?? (string?)options["rpId"] ?? "localhost", 0, Counter, []);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new
        {
            id = Base64Url(CredentialId),
            rawId = Base64Url(CredentialId),
            type = "public-key",
            response = new
            {
                authenticatorData = Base64Url(authData),
                clientDataJSON = Base64Url(clientData),
                signature = Base64Url(signature),
                userHandle = UserHandle is null ? null : Base64Url(UserHandle),
            },
            clientExtensionResults = new { },
        });
    }

    public void Dispose() => _key.Dispose();

    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin = Origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, byte extraFlags, uint counter, byte[] attested)
    {
        var flags = (byte)(extraFlags | (UserPresent ? UserPresentFlag : 0) | (UserVerified ? UserVerifiedFlag : 0));
        var count = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(count, counter);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. count, .. attested];
    }

    /// <summary>AAGUID (zeros: "none" attestation), the credential id, and the public key as a COSE EC2 key (ES256).</summary>
    private byte[] AttestedCredentialData()
    {
        var parameters = _key.ExportParameters(false);
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(-7);
        cose.WriteInt32(-1);
        cose.WriteInt32(1);
        cose.WriteInt32(-2);
        cose.WriteByteString(parameters.Q.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(parameters.Q.Y!);
        cose.WriteEndMap();
        var length = new byte[2];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
        return [.. new byte[16], .. length, .. CredentialId, .. cose.Encode()];
    }
}
