using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <summary>The signing key of <see cref="IdinTestBroker"/>: it lives in memory, so every token dies with the process.</summary>
internal sealed class IdinTestBrokerKey : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly Lock _signing = new();

    public IdinTestBrokerKey()
    {
        var key = _key.ExportParameters(includePrivateParameters: false);
        Modulus = Base64Url.EncodeToString(key.Modulus);
        Exponent = Base64Url.EncodeToString(key.Exponent);
        // RFC 7638 thumbprint: a kid that names exactly this key.
        KeyId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"e":"{{Exponent}}","kty":"RSA","n":"{{Modulus}}"}""")));
    }

    public string KeyId { get; }

    private string Modulus { get; }

    private string Exponent { get; }

    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Modulus,
            ["e"] = Exponent,
        }),
    };

    /// <summary>The payload as a compact RS256 JWT whose header names this key.</summary>
    public string Sign(JsonObject payload)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId, ["typ"] = "JWT" };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        byte[] signature;
        lock (_signing)
        {
            signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => _key.Dispose();
}
