using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace AveroPortal.Core.EHerkenning;

/// <summary>
/// The strict verifier: the one enveloped signature of one SAML element, checked against known certificates only
/// (never KeyInfo), exc-c14n, RSA-SHA2, one reference to the element itself.
/// </summary>
public static class SamlSignature
{
    public const int MinimumRsaKeyBits = 2048;

    private const string EnvelopedTransform = SignedXml.XmlDsigEnvelopedSignatureTransformUrl;
    private const string ExcC14n = SignedXml.XmlDsigExcC14NTransformUrl;

    private static readonly HashSet<string> SignatureMethods =
    [
        SignedXml.XmlDsigRSASHA256Url,
        SignedXml.XmlDsigRSASHA384Url,
        SignedXml.XmlDsigRSASHA512Url,
    ];

    private static readonly HashSet<string> DigestMethods =
    [
        SignedXml.XmlDsigSHA256Url,
        SignedXml.XmlDsigSHA384Url,
        SignedXml.XmlDsigSHA512Url,
    ];

    internal static bool IsSigned(XmlElement element) => SamlXml.Children(element, SamlVocabulary.DSig, "Signature").Any();

    /// <summary>
    /// <see cref="Verify"/> for callers that only report the problem: false with the reason instead of an exception.
    /// </summary>
    public static bool TryVerify(
        XmlElement element,
        IReadOnlyList<X509Certificate2> certificates,
        string what,
        [NotNullWhen(true)] out XmlElement? verified,
        out string problem)
    {
        try
        {
            verified = Verify(element, certificates, what);
            problem = "";
            return true;
        }
        catch (SamlRejection rejection)
        {
            verified = null;
            problem = $"{rejection.Failure}: {rejection.Message}";
            return false;
        }
    }

    /// <summary>
    /// Verifies <paramref name="element"/> and returns a standalone copy of exactly what was verified; every value
    /// must be read from that copy, so nothing outside the signed bytes can reach the caller.
    /// </summary>
    /// <exception cref="SamlRejection">The element is unsigned, tampered, wrapped or signed with a weak algorithm or
    /// an unknown key.</exception>
    public static XmlElement Verify(XmlElement element, IReadOnlyList<X509Certificate2> certificates, string what)
    {
        var id = SamlXml.Attribute(element, "ID");
        if (string.IsNullOrEmpty(id))
        {
            throw new SamlRejection(SamlFailure.Malformed, $"the signed {what} has no ID");
        }

        try
        {
            XmlConvert.VerifyNCName(id);
        }
        catch (XmlException)
        {
            throw new SamlRejection(SamlFailure.Malformed, $"the {what} ID '{SamlXml.ForLog(id)}' is not an NCName");
        }

        var signatures = SamlXml.Children(element, SamlVocabulary.DSig, "Signature").ToList();
        if (signatures.Count == 0)
        {
            throw new SamlRejection(SamlFailure.Unsigned, $"the {what} is not signed");
        }

        if (signatures.Count > 1)
        {
            throw new SamlRejection(SamlFailure.Wrapping, $"the {what} has {signatures.Count} signatures");
        }

        // SAML signatures never carry ds:Object; it is the classic hiding place for a moved signed element.
        var unexpected = signatures[0].ChildNodes.OfType<XmlElement>()
            .FirstOrDefault(e => e.NamespaceURI != SamlVocabulary.DSig || e.LocalName is not ("SignedInfo" or "SignatureValue" or "KeyInfo"));
        if (unexpected is not null)
        {
            throw new SamlRejection(SamlFailure.Wrapping, $"the {what} signature contains {unexpected.Name}");
        }

        var copy = StandaloneCopy(element);
        var copySignature = SamlXml.Children(copy, SamlVocabulary.DSig, "Signature").Single();

        // KeyInfo is outside SignedInfo, so dropping it cannot change the outcome; it guarantees it is never used.
        foreach (var keyInfo in SamlXml.Children(copySignature, SamlVocabulary.DSig, "KeyInfo").ToList())
        {
            copySignature.RemoveChild(keyInfo);
        }

        var signedXml = new ExpectedElementSignedXml(copy, id);
        try
        {
            signedXml.LoadXml(copySignature);
        }
        catch (CryptographicException e)
        {
            throw new SamlRejection(SamlFailure.BadSignature, $"the {what} signature cannot be read: {e.Message}");
        }

        CheckSignedInfo(signedXml.SignedInfo!, id, what);

        var weakKeys = new List<string>();
        foreach (var certificate in certificates)
        {
            using var key = certificate.GetRSAPublicKey();
            if (key is null)
            {
                weakKeys.Add($"{certificate.Subject} has no RSA key");
                continue;
            }

            if (key.KeySize < MinimumRsaKeyBits)
            {
                weakKeys.Add($"{certificate.Subject} has a {key.KeySize}-bit RSA key");
                continue;
            }

            bool valid;
            try
            {
                valid = signedXml.CheckSignature(key);
            }
            catch (CryptographicException e)
            {
                throw new SamlRejection(SamlFailure.BadSignature, $"the {what} signature cannot be checked: {e.Message}");
            }

            if (valid)
            {
                return copy;
            }
        }

        if (weakKeys.Count == certificates.Count)
        {
            throw new SamlRejection(
                SamlFailure.WeakAlgorithm,
                $"no configured signing certificate has an RSA key of at least {MinimumRsaKeyBits} bits: {string.Join("; ", weakKeys)}");
        }

        throw new SamlRejection(
            SamlFailure.BadSignature,
            $"the {what} signature does not verify with any of the {certificates.Count - weakKeys.Count} configured certificate(s)");
    }

    private static void CheckSignedInfo(SignedInfo info, string id, string what)
    {
        if (info.CanonicalizationMethod != ExcC14n)
        {
            throw new SamlRejection(SamlFailure.WeakAlgorithm, $"the {what} signature uses canonicalization {SamlXml.ForLog(info.CanonicalizationMethod)}");
        }

        if (info.SignatureMethod is null || !SignatureMethods.Contains(info.SignatureMethod))
        {
            throw new SamlRejection(SamlFailure.WeakAlgorithm, $"the {what} signature uses signature method {SamlXml.ForLog(info.SignatureMethod)}");
        }

        if (info.References.Count != 1)
        {
            throw new SamlRejection(SamlFailure.Wrapping, $"the {what} signature has {info.References.Count} references instead of one");
        }

        var reference = (Reference)info.References[0]!;
        if (reference.Uri != "#" + id)
        {
            throw new SamlRejection(
                SamlFailure.Wrapping,
                $"the {what} signature references '{SamlXml.ForLog(reference.Uri)}' instead of '#{SamlXml.ForLog(id)}'");
        }

        if (reference.DigestMethod is null || !DigestMethods.Contains(reference.DigestMethod))
        {
            throw new SamlRejection(SamlFailure.WeakAlgorithm, $"the {what} signature uses digest method {SamlXml.ForLog(reference.DigestMethod)}");
        }

        var algorithms = new List<string>();
        foreach (Transform transform in reference.TransformChain)
        {
            algorithms.Add(transform.Algorithm ?? "(none)");
        }

        if (algorithms.Count > 2 || algorithms.Distinct().Count() != algorithms.Count
            || algorithms.Any(a => a is not (EnvelopedTransform or ExcC14n)))
        {
            throw new SamlRejection(
                SamlFailure.WeakAlgorithm,
                $"the {what} signature uses transforms [{SamlXml.ForLog(string.Join(", ", algorithms))}]; only enveloped-signature and exc-c14n are allowed");
        }
    }

    /// <summary>
    /// A deep copy of <paramref name="element"/> as the root of its own document, with the namespace declarations it
    /// inherits. Exclusive canonicalization of the copy equals that of the original, and in the copy the signature's
    /// position among ds:Signature elements is its own (SignedXml counts enveloped signatures document-wide, which
    /// goes wrong for an Assertion nested inside a signed ArtifactResponse).
    /// </summary>
    private static XmlElement StandaloneCopy(XmlElement element)
    {
        var document = SamlParser.NewDocument();
        var copy = (XmlElement)document.ImportNode(element, deep: true);
        foreach (var inherited in SamlXml.InheritedNamespaces(element))
        {
            var declaration = document.CreateAttribute(inherited.Prefix, inherited.LocalName, SamlVocabulary.Xmlns);
            declaration.Value = inherited.Value;
            copy.Attributes.Append(declaration);
        }

        document.AppendChild(copy);
        return copy;
    }

    /// <summary>
    /// Resolves the reference to exactly the element we meant to verify and to nothing else. The default lookup would
    /// also find an element with that ID elsewhere, including one moved into the signature's own ds:Object.
    /// </summary>
    private sealed class ExpectedElementSignedXml : SignedXml
    {
        private readonly XmlElement _expected;
        private readonly string _expectedId;

        public ExpectedElementSignedXml(XmlElement expected, string expectedId)
            : base(expected)
        {
            _expected = expected;
            _expectedId = expectedId;
        }

        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
            ReferenceEquals(document, _expected.OwnerDocument) && string.Equals(idValue, _expectedId, StringComparison.Ordinal)
                ? _expected
                : null;
    }
}
