using AveroPortal.Core.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>The real ArtifactResponses recorded against the Signicat pre-production broker.</summary>
public sealed class SignicatRecordingTests
{
    private const string Recording = "artifactresponse-high-loa.xml";
    private const string Recording20240705 = "artifactresponse-high-loa-20240705.xml";
    private const string Pseudonym = "03659FB1FAE5D26DB2D28866C1A4FE7F4E1CD5E62DD2552EE3D3B11D4C27163D@9162F54B3B07284AC4E147A849DEAEE4";

    private static readonly DateTimeOffset RecordedAt = new(2025, 9, 22, 10, 48, 46, TimeSpan.Zero);
    private static readonly DateTimeOffset RecordedAt20240705 = new(2024, 7, 5, 14, 6, 47, TimeSpan.Zero);

    private static readonly SamlExpectations Expected = new(
        IssuerEntityId: "https://maykin.pre.ie01.signicat.pro/broker/sp/saml",
        IssuerSigningCertificates: [SamlCertificates.LoadPem(InteropFiles.Path("broker-signing-certificate.pem"), null)],
        SpEntityId: "https://localhost:8000/eherkenning",
        AcsUrl: "https://localhost:8000/eherkenning/acs/",
        ArtifactResolveId: "ONELOGIN_123456",
        MinimumLevel: "loa3",
        // The recording carries ServiceID ...services:9302 (a simulator default) and no ServiceUUID.
        ServiceId: null,
        ServiceUuid: null,
        DecryptionCertificate: null,
        ClockSkew: TimeSpan.FromSeconds(5));

    private static SamlValidation Validate(string xml, DateTimeOffset now, SamlExpectations? expected = null) =>
        new SamlResponseValidator(new ManualClock(now)).ValidateArtifactResponse(xml, expected ?? Expected);

    [Fact]
    public void RecordedHighLoaResponseIsAcceptedWithTheCompanyItNames()
    {
        var result = Validate(InteropFiles.Read(Recording), RecordedAt);

        Assert.True(result.Succeeded, result.Detail);
        var identity = result.Identity!;
        Assert.Equal("24444001", identity.KvkNumber);
        Assert.Equal("819935177", identity.Rsin);
        Assert.Equal(Pseudonym, identity.ActingSubjectId);
        Assert.Equal("ExampleCompanyName", identity.CompanyName);
        Assert.Equal("urn:etoegang:core:assurance-class:loa4", identity.Level);
        Assert.Equal("ONELOGIN_123456", identity.InResponseTo);
        Assert.Equal("_d717bf36ee26f74293d20d1e695bee02", identity.AssertionId);
        Assert.Equal("https://maykin.pre.ie01.signicat.pro/broker/sp/saml", identity.Issuer);
        Assert.Equal(new DateTimeOffset(2025, 9, 22, 10, 50, 45, 814, TimeSpan.Zero), identity.NotOnOrAfter);
        Assert.Equal("urn:etoegang:DV:00000003244440010000:services:9302", identity.ServiceId);
        Assert.Null(identity.ServiceUuid);
        Assert.Null(identity.BranchNumber);
        Assert.Equal(Pseudonym, identity.NameId);
    }

    [Fact]
    public void RecordingOf20240705IsAcceptedWithTheSameCompany()
    {
        var result = Validate(InteropFiles.Read(Recording20240705), RecordedAt20240705);

        Assert.True(result.Succeeded, result.Detail);
        var identity = result.Identity!;
        Assert.Equal("24444001", identity.KvkNumber);
        Assert.Equal("819935177", identity.Rsin);
        Assert.Equal(Pseudonym, identity.ActingSubjectId);
        Assert.Equal("ExampleCompanyName", identity.CompanyName);
        Assert.Equal("urn:etoegang:core:assurance-class:loa4", identity.Level);
        Assert.Equal("ONELOGIN_123456", identity.InResponseTo);
        Assert.Equal("_7e8652722cd29fb98fe4a33ee28a9983", identity.AssertionId);
    }

    [Theory]
    [InlineData(">24444001<", ">24444002<")]
    [InlineData("assurance-class:loa4<", "assurance-class:loa3<")]
    public void OneChangedByteBreaksTheBrokerSignature(string original, string changed)
    {
        var xml = InteropFiles.Read(Recording);
        Assert.Contains(original, xml);

        var result = Validate(xml.Replace(original, changed, StringComparison.Ordinal), RecordedAt);

        Assert.Equal(SamlFailure.BadSignature, result.Failure);
        Assert.Contains("ArtifactResponse", result.Detail);
    }

    [Fact]
    public void RecordingIsRefusedOnceNotOnOrAfterAndTheSkewHavePassed()
    {
        var result = Validate(InteropFiles.Read(Recording), new DateTimeOffset(2025, 9, 22, 10, 51, 0, TimeSpan.Zero));

        Assert.Equal(SamlFailure.Expired, result.Failure);
    }

    [Fact]
    public void RecordingIsStillAcceptedWithinTheSkewAfterNotOnOrAfter()
    {
        var result = Validate(InteropFiles.Read(Recording), new DateTimeOffset(2025, 9, 22, 10, 50, 50, TimeSpan.Zero));

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void RecordingIsRefusedBeforeNotBeforeMinusTheSkew()
    {
        // NotBefore is 10:48:40.814; minus 5 s skew that is 10:48:35.814.
        var result = Validate(InteropFiles.Read(Recording), new DateTimeOffset(2025, 9, 22, 10, 48, 35, TimeSpan.Zero));

        Assert.Equal(SamlFailure.NotYetValid, result.Failure);
    }

    [Fact]
    public void SpCertificateInsteadOfTheBrokerCertificateDoesNotVerify()
    {
        var expected = Expected with
        {
            IssuerSigningCertificates = [SamlCertificates.LoadPem(InteropFiles.Path("sp-certificate.pem"), null)],
        };

        var result = Validate(InteropFiles.Read(Recording), RecordedAt, expected);

        Assert.Equal(SamlFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void BrokerCertificateAmongSeveralDuringAKeyRolloverVerifies()
    {
        var expected = Expected with
        {
            IssuerSigningCertificates =
            [
                SamlCertificates.LoadPem(InteropFiles.Path("sp-certificate.pem"), null),
                Expected.IssuerSigningCertificates[0],
            ],
        };

        Assert.True(Validate(InteropFiles.Read(Recording), RecordedAt, expected).Succeeded);
    }

    [Fact]
    public void OtherSpEntityIdIsRefusedAsWrongAudience()
    {
        var result = Validate(InteropFiles.Read(Recording), RecordedAt, Expected with { SpEntityId = "https://localhost:8000/other" });

        Assert.Equal(SamlFailure.Audience, result.Failure);
    }

    [Fact]
    public void OtherAcsUrlIsRefusedAsWrongDestination()
    {
        // Without the trailing slash: the comparison is exact.
        var result = Validate(InteropFiles.Read(Recording), RecordedAt, Expected with { AcsUrl = "https://localhost:8000/eherkenning/acs" });

        Assert.Equal(SamlFailure.Destination, result.Failure);
    }

    [Fact]
    public void OtherArtifactResolveIdIsRefusedAsWrongInResponseTo()
    {
        var result = Validate(InteropFiles.Read(Recording), RecordedAt, Expected with { ArtifactResolveId = "ONELOGIN_654321" });

        Assert.Equal(SamlFailure.InResponseTo, result.Failure);
    }

    [Fact]
    public void OtherExpectedIssuerIsRefused()
    {
        var result = Validate(InteropFiles.Read(Recording), RecordedAt, Expected with { IssuerEntityId = "urn:etoegang:HM:00000003000000000000:entities:1" });

        Assert.Equal(SamlFailure.Issuer, result.Failure);
    }

    [Fact]
    public void MinimumLevelLoa4IsMetByTheRecordedLoa4()
    {
        var result = Validate(InteropFiles.Read(Recording), RecordedAt, Expected with { MinimumLevel = "urn:etoegang:core:assurance-class:loa4" });

        Assert.True(result.Succeeded, result.Detail);
    }

    [Fact]
    public void ExpectedServiceIdOtherThanTheRecordedOneIsRefused()
    {
        // The AuthnRequest asked for service index 9052, but the simulator answered with ServiceID 9302.
        var result = Validate(
            InteropFiles.Read(Recording),
            RecordedAt,
            Expected with { ServiceId = "urn:etoegang:DV:00000003244440010000:services:9052" });

        Assert.Equal(SamlFailure.ServiceMismatch, result.Failure);
    }
}
