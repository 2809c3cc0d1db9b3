using System.Net;

namespace AveroPortal.Tests.EHerkenning;

// Malformed, oversized or wrong-binding requests to the ACS and the test broker.
public sealed partial class EHerkenningEndpointTests
{
    [Fact]
    public async Task AnOversizedMessageIsRefusedBeforeParsingAndLogged()
    {
        await using var factory = Configured();
        var client = NoRedirects(factory);

        var response = await client.PostAsync("/eherkenning/acs", new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = new string('A', 1_100_000) }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains("oversized message", StringComparison.Ordinal) && w.Contains("exceeds the limit of 1048576", StringComparison.Ordinal));
        Assert.Equal(0, await StoredRowsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedAcsPostLandsOnTheSamlFailurePageLoggedAndStoresNothing(string kind)
    {
        await using var factory = Configured();
        var client = NoRedirects(factory);

        var response = await client.PostAsync("/eherkenning/acs", MalformedForms.Body(kind, "RelayState"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.StartsWith("eHerkenning ACS refused the request: ", StringComparison.Ordinal));
        Assert.Equal(0, await StoredRowsAsync(factory));
    }

    public static TheoryData<string> MalformedKinds => MalformedForms.Kinds;

    [Theory]
    [InlineData("/eherkenning/acs?RelayState=_a&RelayState=_b&SAMLart=AAQA", "RelayState occurs 2 times")]
    [InlineData("/eherkenning/acs?RelayState=%01x&SAMLart=AAQA", "control character in RelayState")]
    [InlineData("/eherkenning/acs?SAMLResponse=PHg%2B&RelayState=_a", "SAMLResponse in the query string")]
    public async Task ABadAcsQueryIsRefusedWithItsReason(string url, string reason)
    {
        await using var factory = Configured();

        var response = await NoRedirects(factory).GetAsync(url);

        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(0, await StoredRowsAsync(factory));
    }

    [Fact]
    public async Task APostedSamlResponseIsRefusedWhileArtifactIsConfigured()
    {
        await using var factory = Configured();

        var response = await NoRedirects(factory).PostAsync("/eherkenning/acs",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = "PHNhbWxwOlJlc3BvbnNlLz4=", ["RelayState"] = "_abc" }));

        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains("an HTTP-POST SAMLResponse arrived while Broker:ResponseBinding is Artifact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnArtifactWithoutRelayStateIsRefused()
    {
        await using var factory = Configured();
        var artifact = Convert.ToBase64String(new byte[] { 0, 4 }.Concat(new byte[42]).ToArray());

        var response = await NoRedirects(factory).GetAsync("/eherkenning/acs?SAMLart=" + Uri.EscapeDataString(artifact));

        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains("RelayState is missing", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedPostToTheTestBrokerGetsADutchPageAndALogLine(string kind)
    {
        await using var factory = Configured();

        var response = await NoRedirects(factory).PostAsync("/testmakelaar/sso", MalformedForms.Body(kind, "SAMLRequest"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", page, StringComparison.Ordinal);
        Assert.Contains("Verzoek geweigerd", page, StringComparison.Ordinal);
        Assert.Contains(_log.Warnings, w => w.StartsWith("Test broker refused", StringComparison.Ordinal));
    }
}
