using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AveroPortal.Tests.Idin;

/// <summary>
/// Sits in the portal's backchannel to the broker and changes the id_token in the token response, the way an
/// attacker between portal and broker, or a broken broker, would. Re-signing uses the broker's own key, so each
/// test exercises exactly the one check it names (issuer, audience, expiry, nonce) and not the signature.
/// </summary>
internal sealed class IdTokenTampering(RSA brokerKey, string keyId) : DelegatingHandler(new HttpClientHandler())
{
    /// <summary>Changes the id_token; null leaves it as the broker sent it.</summary>
    public Func<string, string>? Tamper { get; set; }

    /// <summary>Every id_token the broker issued, as it came.</summary>
    public List<string> Issued { get; } = [];

    /// <summary>Every authorization code the portal redeemed.</summary>
    public List<string> Redeemed { get; } = [];

    /// <summary>A code to redeem instead of the one the callback brought (an injected, already used code).</summary>
    public string? InjectedCode { get; set; }

    /// <summary>Bodies of pushed authorization requests (RFC 9126) the portal sent.</summary>
    public List<string> Pushed { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.EndsWith("/request", StringComparison.Ordinal) == true && request.Content is not null)
        {
            var pushed = await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Pushed)
            {
                Pushed.Add(pushed);
            }
        }

        if (request.RequestUri?.AbsolutePath.EndsWith("/token", StringComparison.Ordinal) == true && request.Content is not null)
        {
            var form = System.Web.HttpUtility.ParseQueryString(await request.Content.ReadAsStringAsync(cancellationToken));
            lock (Redeemed)
            {
                Redeemed.Add(form["code"] ?? "");
            }

            if (InjectedCode is { } injected)
            {
                form["code"] = injected;
                request.Content = new FormUrlEncodedContent(form.AllKeys.Select(k => new KeyValuePair<string, string>(k!, form[k]!)));
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (request.RequestUri?.AbsolutePath.EndsWith("/token", StringComparison.Ordinal) != true || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        var idToken = body["id_token"]!.GetValue<string>();
        lock (Issued)
        {
            Issued.Add(idToken);
        }

        if (Tamper is { } tamper)
        {
            body["id_token"] = tamper(idToken);
        }

        var replaced = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        replaced.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return replaced;
    }

    /// <summary>The token with its payload changed and signed again with the broker's key.</summary>
    public string Resign(string idToken, Action<JsonObject> change)
    {
        var parts = idToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        change(payload);
        var header = Base64UrlEncode(Encoding.UTF8.GetBytes($$"""{"alg":"RS256","typ":"JWT","kid":"{{keyId}}"}""")); 
        var body = Base64UrlEncode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = brokerKey.SignData(Encoding.ASCII.GetBytes(header + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + body + "." + Base64UrlEncode(signature);
    }

    /// <summary>One bit of the signature flipped: the token is otherwise exactly the broker's.</summary>
    public static string FlipSignatureBit(string idToken)
    {
        var parts = idToken.Split('.');
        var signature = Base64UrlDecode(parts[2]);
        signature[signature.Length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64UrlEncode(signature);
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
