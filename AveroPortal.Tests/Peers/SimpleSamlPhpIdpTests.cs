using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace AveroPortal.Tests.Peers;

/// <summary>Proves the SimpleSAMLphp IdP peer is a working SAML 2.0 IdP, without a browser.</summary>
public sealed class SimpleSamlPhpIdpTests
{
    private const string SamlProtocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    private const string SamlAssertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    private const string SamlMetadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    private const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    private static readonly SimpleSamlPhpSp Sp = new(
        "https://portal.avero.test/saml/sp", "https://portal.avero.test/saml/acs", SigningCertificatePem: null);

    [Fact]
    public async Task MetadataIsServedAndSignedWithTheIdpCertificate()
    {
        await using var idp = await SimpleSamlPhpIdp.StartAsync(Sp);

        var xml = await idp.GetMetadataXmlAsync();
        var doc = Load(xml);
        var ns = Namespaces(doc);

        var entity = doc.DocumentElement!;
        Assert.True(entity.LocalName == "EntityDescriptor" && entity.NamespaceURI == SamlMetadata, xml);
        Assert.Equal(idp.EntityId, entity.GetAttribute("entityID"));
        Assert.NotNull(entity.SelectSingleNode("md:IDPSSODescriptor", ns));

        var sso = entity.SelectNodes("md:IDPSSODescriptor/md:SingleSignOnService", ns)!.Cast<XmlElement>()
            .Select(e => (e.GetAttribute("Binding"), e.GetAttribute("Location"))).ToList();
        Assert.Contains(("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", idp.SsoUrl), sso);

        var certificates = entity.SelectNodes(
                "md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']/ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!
            .Cast<XmlElement>()
            .Select(e => Convert.FromBase64String(Regex.Replace(e.InnerText, @"\s", "")))
            .ToList();
        Assert.Contains(certificates, raw => raw.AsSpan().SequenceEqual(idp.SigningCertificate.RawData));

        // The metadata itself carries an enveloped signature by the same key.
        var signature = (XmlElement?)entity.SelectSingleNode("ds:Signature", ns);
        Assert.NotNull(signature);
        Assert.True(VerifySignature(entity, signature, idp.SigningCertificate), "metadata signature does not verify");
    }

    [Fact]
    public async Task TheMetadataCarriesValidUntilAndPassesThePortalsTrustCheck()
    {
        await using var idp = await SimpleSamlPhpIdp.StartAsync(Sp);
        var xml = await idp.GetMetadataXmlAsync();
        var pinned = X509Certificate2.CreateFromPem(idp.CertificatePem);

        var metadata = AveroPortal.Core.EHerkenning.ServiceProvider.BrokerMetadata.Parse(xml, pinned, DateTimeOffset.UtcNow);

        Assert.Equal(idp.EntityId, metadata.EntityId);
        Assert.InRange(metadata.ValidUntil!.Value, DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        Assert.Equal(idp.SsoUrl, metadata.SsoUrl);
    }

    [Fact]
    public async Task SpInitiatedLoginReturnsASignedResponseWithKvkAndLoa3()
    {
        await using var idp = await SimpleSamlPhpIdp.StartAsync(Sp);
        var authnRequest = AuthnRequest(idp, Sp, out var requestId);

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };

        using var loginPage = await http.GetAsync(SimpleSamlPhpIdp.RedirectBindingUrl(idp.SsoUrl, authnRequest, "relay-123"));
        var loginHtml = await loginPage.Content.ReadAsStringAsync();
        Assert.True(loginPage.IsSuccessStatusCode, $"{(int)loginPage.StatusCode}\n{loginHtml}\n{idp.LogText()}");
        var loginForm = Form(loginHtml);
        Assert.True(loginForm.Fields.ContainsKey("AuthState"), $"no login form:\n{loginHtml}\n{idp.LogText()}");
        Assert.Contains("name=\"username\"", loginHtml);
        Assert.Contains("name=\"password\"", loginHtml);

        var fields = new Dictionary<string, string>(loginForm.Fields)
        {
            ["username"] = SimpleSamlPhpIdp.UserWithKvk,
            ["password"] = SimpleSamlPhpIdp.Password,
        };
        var loginAction = new Uri(loginPage.RequestMessage!.RequestUri!, loginForm.Action);
        using var posted = await http.PostAsync(loginAction, new FormUrlEncodedContent(fields));
        var postHtml = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}\n{postHtml}\n{idp.LogText()}");

        var acsForm = Form(postHtml);
        Assert.True(acsForm.Action == Sp.AcsUrl, $"expected a form posting to {Sp.AcsUrl}:\n{postHtml}\n{idp.LogText()}");
        Assert.Equal("relay-123", acsForm.Fields.GetValueOrDefault("RelayState"));
        var responseXml = Encoding.UTF8.GetString(Convert.FromBase64String(acsForm.Fields["SAMLResponse"]));

        var doc = Load(responseXml);
        var ns = Namespaces(doc);
        var response = doc.DocumentElement!;
        Assert.True(response.LocalName == "Response" && response.NamespaceURI == SamlProtocol, responseXml);
        Assert.Equal(Sp.AcsUrl, response.GetAttribute("Destination"));
        Assert.Equal(requestId, response.GetAttribute("InResponseTo"));
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:status:Success",
            ((XmlElement)response.SelectSingleNode("samlp:Status/samlp:StatusCode", ns)!).GetAttribute("Value"));

        var responseSignature = (XmlElement?)response.SelectSingleNode("ds:Signature", ns);
        Assert.NotNull(responseSignature);
        Assert.True(VerifySignature(response, responseSignature, idp.SigningCertificate), "Response signature does not verify");

        var assertion = (XmlElement)response.SelectSingleNode("saml:Assertion", ns)!;
        Assert.NotNull(assertion);
        var assertionSignature = (XmlElement?)assertion.SelectSingleNode("ds:Signature", ns);
        Assert.NotNull(assertionSignature);
        Assert.Equal(idp.EntityId, assertion.SelectSingleNode("saml:Issuer", ns)!.InnerText);
        Assert.Equal(Sp.EntityId, assertion.SelectSingleNode("saml:Conditions/saml:AudienceRestriction/saml:Audience", ns)!.InnerText);

        var kvk = assertion.SelectNodes(
            $"saml:AttributeStatement/saml:Attribute[@Name='{SimpleSamlPhpIdp.KvkAttribute}']/saml:AttributeValue", ns)!;
        Assert.Equal(["24444001"], kvk.Cast<XmlElement>().Select(e => e.InnerText));
        Assert.Equal(SimpleSamlPhpIdp.LoaClassRef,
            assertion.SelectSingleNode("saml:AuthnStatement/saml:AuthnContext/saml:AuthnContextClassRef", ns)!.InnerText);
    }

    [Fact]
    public async Task WithAnSpCertificateOnlySignedAuthnRequestsAreAccepted()
    {
        using var spKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=portal test SP", spKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var spCertificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var sp = Sp with { SigningCertificatePem = spCertificate.ExportCertificatePem() };
        await using var idp = await SimpleSamlPhpIdp.StartAsync(sp);

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };

        using var unsigned = await http.GetAsync(SimpleSamlPhpIdp.RedirectBindingUrl(idp.SsoUrl, AuthnRequest(idp, sp, out _), null));
        var unsignedHtml = await unsigned.Content.ReadAsStringAsync();
        Assert.False(Form(unsignedHtml).Fields.ContainsKey("AuthState"), $"unsigned AuthnRequest reached the login form\n{idp.LogText()}");

        using var signed = await http.GetAsync(
            SimpleSamlPhpIdp.RedirectBindingUrl(idp.SsoUrl, AuthnRequest(idp, sp, out _), "relay-456", spKey));
        var signedHtml = await signed.Content.ReadAsStringAsync();
        Assert.True(Form(signedHtml).Fields.ContainsKey("AuthState"), $"signed AuthnRequest refused\n{signedHtml}\n{idp.LogText()}");
    }

    private static string AuthnRequest(SimpleSamlPhpIdp idp, SimpleSamlPhpSp sp, out string requestId)
    {
        requestId = "_" + Guid.NewGuid().ToString("N");
        return $"""
            <samlp:AuthnRequest xmlns:samlp="{SamlProtocol}" xmlns:saml="{SamlAssertion}" ID="{requestId}" Version="2.0" IssueInstant="{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}" Destination="{idp.SsoUrl}" AssertionConsumerServiceURL="{sp.AcsUrl}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>{sp.EntityId}</saml:Issuer></samlp:AuthnRequest>
            """;
    }

    private static XmlDocument Load(string xml)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        doc.LoadXml(xml);
        return doc;
    }

    private static XmlNamespaceManager Namespaces(XmlDocument doc)
    {
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("samlp", SamlProtocol);
        ns.AddNamespace("saml", SamlAssertion);
        ns.AddNamespace("md", SamlMetadata);
        ns.AddNamespace("ds", XmlDsig);
        return ns;
    }

    private static bool VerifySignature(XmlElement signed, XmlElement signature, X509Certificate2 certificate)
    {
        var signedXml = new SignedXml(signed);
        signedXml.LoadXml(signature);
        var reference = Assert.Single(signedXml.SignedInfo!.References.Cast<Reference>());
        Assert.Equal("#" + signed.GetAttribute("ID"), reference.Uri);
        return signedXml.CheckSignature(certificate, verifySignatureOnly: true);
    }

    private sealed record HtmlForm(string Action, Dictionary<string, string> Fields);

    private static HtmlForm Form(string html)
    {
        var form = Regex.Match(html, @"<form\b[^>]*\baction=""([^""]*)""", RegexOptions.IgnoreCase);
        var fields = new Dictionary<string, string>();
        foreach (Match input in Regex.Matches(html, @"<input\b[^>]*>", RegexOptions.IgnoreCase))
        {
            if (!Regex.IsMatch(input.Value, @"\btype=""hidden""", RegexOptions.IgnoreCase))
            {
                continue;
            }

            var name = Regex.Match(input.Value, @"\bname=""([^""]*)""");
            var value = Regex.Match(input.Value, @"\bvalue=""([^""]*)""");
            if (name.Success)
            {
                fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
            }
        }

        return new HtmlForm(form.Success ? WebUtility.HtmlDecode(form.Groups[1].Value) : "", fields);
    }
}
