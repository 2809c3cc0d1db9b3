using AveroPortal.Core.EHerkenning;
using static AveroPortal.Tests.EHerkenning.SamlTestData;

namespace AveroPortal.Tests.EHerkenning;

// Hostile XML and transport: comments inside values, DTDs, non-base64, malformed and oversized messages.
public sealed partial class SamlAttackTests
{
    [Fact]
    public void CommentInsideTheKvkNumberIsNotReadAsATruncatedNumber()
    {
        var builder = Builder();
        builder.IncludeEncryptedIds = false;
        builder.IncludePlainAttributes = true;
        var xml = builder.BuildArtifactResponse();
        var injected = xml.Replace(">24444001<", ">244<!---->44001<", StringComparison.Ordinal);
        Assert.NotEqual(xml, injected);

        var result = ValidateArtifact(injected);

        // exc-c14n without comments ignores the comment, so both signatures still verify; the value is read whole
        // or not at all, and a comment inside a value is refused.
        Assert.Equal(SamlFailure.Malformed, result.Failure);
        Assert.Contains("comment", result.Detail);
        Assert.Null(result.Identity);
    }

    [Fact]
    public void DtdWithAnExternalEntityIsRefusedInTheArtifactBinding()
    {
        var xml = Builder().BuildArtifactResponse().Replace(
            "?>",
            "?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
            StringComparison.Ordinal);

        Assert.Equal(SamlFailure.Dtd, ValidateArtifact(xml).Failure);
    }

    [Fact]
    public void DtdWithAnEntityExpansionIsRefusedInThePostBinding()
    {
        var xml = PlainBuilder().BuildPostResponseXml().Replace(
            "?>",
            "?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>",
            StringComparison.Ordinal);

        Assert.Equal(SamlFailure.Dtd, ValidatePost(xml).Failure);
    }

    [Fact]
    public void SamlResponseFieldThatIsNotBase64IsRefused()
    {
        var result = Validator().ValidatePostResponse("PHNhbWxwOlJlc3BvbnNl!!!not-base64", Expectations());

        Assert.Equal(SamlFailure.Malformed, result.Failure);
    }

    [Fact]
    public void SoapEnvelopeThatIsNotWellFormedXmlIsRefused()
    {
        var xml = Builder().BuildArtifactResponse();

        var result = ValidateArtifact(xml[..(xml.Length / 2)]);

        Assert.Equal(SamlFailure.Malformed, result.Failure);
    }

    [Fact]
    public void SoapMessageOverOneMegabyteIsRefusedBeforeParsing()
    {
        // Not even XML: the size is checked first.
        var result = ValidateArtifact(new string('<', SamlResponseValidator.MaxMessageBytes + 1));

        Assert.Equal(SamlFailure.TooLarge, result.Failure);
    }

    [Fact]
    public void PostMessageOverOneMegabyteIsRefused()
    {
        var xml = PlainBuilder().BuildPostResponseXml().Replace("?>", "?>" + new string(' ', SamlResponseValidator.MaxMessageBytes), StringComparison.Ordinal);

        var result = ValidatePost(xml);

        Assert.Equal(SamlFailure.TooLarge, result.Failure);
    }
}
