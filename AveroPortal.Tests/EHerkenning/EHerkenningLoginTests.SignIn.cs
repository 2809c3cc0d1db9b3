using System.Xml;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Dapper;

namespace AveroPortal.Tests.EHerkenning;

// Successful sign-ins, the AuthnRequest we send, and the KVK check.
public sealed partial class EHerkenningLoginTests
{
    [Fact]
    public async Task AValidArtifactSignsInAndStoresTheIdentity()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;

        var result = await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.SignedIn, result.Outcome);
        Assert.Equal("24444001", result.Identity!.KvkNumber);
        Assert.Equal("pseudo-1", result.Identity.ActingSubjectId);
        Assert.Equal(_broker.EntityId, result.Identity.Broker);
    }

    [Fact]
    public async Task TheBranchRestrictionIsKept()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        Branch = "000012345678";

        var result = await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client);

        Assert.Equal("000012345678", result.Identity!.BranchNumber);
    }

    [Fact]
    public async Task TheAuthnRequestIsSignedAndCarriesTheProfileAttributes()
    {
        var start = (await _login.BeginAsync())!;
        var document = new XmlDocument();
        document.LoadXml(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(start.SamlRequest)));
        var request = document.DocumentElement!;

        Assert.True(SamlSignature.TryVerify(request, [_spKey], "AuthnRequest", out _, out _));
        Assert.Equal("true", request.GetAttribute("ForceAuthn"));
        Assert.Equal(SamlVocabulary.ArtifactBinding, request.GetAttribute("ProtocolBinding"));
        Assert.Equal("1", request.GetAttribute("AttributeConsumingServiceIndex"));
        Assert.Equal(Acs, request.GetAttribute("AssertionConsumerServiceURL"));
        Assert.Equal(start.RelayState, request.GetAttribute("ID"));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(start.RelayState) <= 80);
    }

    [Fact]
    public async Task AKvkThatIsNotInsuredStoresNothingButALoginEvent()
    {
        var start = (await _login.BeginAsync())!;
        AuthnRequestId = start.RelayState;
        Kvk = "12345678";

        var result = await _login.CompleteAsync(NewArtifact(), null, start.RelayState, start.Correlation, Client);

        Assert.Equal(EHerkenningOutcome.KvkNotInsured, result.Outcome);
        await using var connection = await _db.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM eherkenning_identities"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM login_events WHERE outcome = 'kvk-not-insured'"));
    }
}
