using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace AveroPortal.Tests.Peers;

// AuthnRequests sent with the HTTP-Redirect binding, unsigned or signed.
public sealed partial class SimpleSamlPhpIdp
{
    /// <summary>
    /// The URL that sends <paramref name="authnRequestXml"/> with the HTTP-Redirect binding:
    /// raw DEFLATE, base64, URL-encoded as SAMLRequest (unsigned; no SigAlg/Signature).
    /// </summary>
    public static string RedirectBindingUrl(string ssoUrl, string authnRequestXml, string? relayState) =>
        RedirectBindingUrl(ssoUrl, authnRequestXml, relayState, signingKey: null);

    /// <summary>
    /// As <see cref="RedirectBindingUrl(string, string, string?)"/>, and when <paramref name="signingKey"/> is given
    /// signed the HTTP-Redirect way: SigAlg rsa-sha256 and Signature over
    /// <c>SAMLRequest=..&amp;RelayState=..&amp;SigAlg=..</c> exactly as they appear (URL-encoded) in the query.
    /// </summary>
    public static string RedirectBindingUrl(string ssoUrl, string authnRequestXml, string? relayState, RSA? signingKey)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(authnRequestXml);
            deflate.Write(bytes, 0, bytes.Length);
        }

        var query = new StringBuilder();
        query.Append("SAMLRequest=").Append(Uri.EscapeDataString(Convert.ToBase64String(buffer.ToArray())));
        if (relayState is not null)
        {
            query.Append("&RelayState=").Append(Uri.EscapeDataString(relayState));
        }

        if (signingKey is not null)
        {
            query.Append("&SigAlg=").Append(Uri.EscapeDataString("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"));
            var signature = signingKey.SignData(
                Encoding.UTF8.GetBytes(query.ToString()), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            query.Append("&Signature=").Append(Uri.EscapeDataString(Convert.ToBase64String(signature)));
        }

        return ssoUrl + (ssoUrl.Contains('?') ? '&' : '?') + query;
    }
}
