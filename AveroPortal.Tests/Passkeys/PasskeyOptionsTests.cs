using AveroPortal.Core.Passkeys;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Tests.Passkeys;

/// <summary>Avero:Passkeys:* as read at start-up: a domain as RP ID, origins on it, and a clear stop for values that can not work.</summary>
public sealed class PasskeyOptionsTests
{
    private static PasskeyOptions Read(bool development, params (string Key, string Value)[] settings) =>
        PasskeyOptions.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), development);

    [Fact]
    public void WithoutSettingsThePublicAddressIsTheRelyingPartyAndItsOnlyOrigin()
    {
        var options = Read(false, ("Avero:PublicBaseUrl", "https://mijn.avero.example/"));

        Assert.Equal("mijn.avero.example", options.RelyingPartyId);
        Assert.Equal("Avéro Achmea", options.RelyingPartyName);
        Assert.Equal(["https://mijn.avero.example"], options.Origins);
        Assert.True(options.IsAllowedOrigin("https://mijn.avero.example"));
        Assert.False(options.IsAllowedOrigin("http://localhost:5080"));
        Assert.False(options.IsAllowedOrigin("https://evil.example"));
    }

    [Fact]
    public void DevelopmentOnLocalhostAllowsAnyLocalhostPort()
    {
        var options = Read(true, ("Avero:Passkeys:RelyingPartyId", "localhost"));

        Assert.True(options.IsAllowedOrigin("http://localhost:5080"));
        Assert.True(options.IsAllowedOrigin("http://localhost:41234"));
        Assert.False(options.IsAllowedOrigin("http://127.0.0.1:5080"));
        Assert.False(options.IsAllowedOrigin("http://localhost.evil.example:5080"));
    }

    [Fact]
    public void ProductionAllowsOnlyTheConfiguredOrigins()
    {
        var options = Read(false, ("Avero:Passkeys:RelyingPartyId", "avero.example"),
            ("Avero:Passkeys:Origins:0", "https://mijn.avero.example"), ("Avero:Passkeys:Origins:1", "https://zakelijk.avero.example/"));

        Assert.Equal(["https://mijn.avero.example", "https://zakelijk.avero.example"], options.Origins);
        Assert.False(options.AllowAnyLocalhostPort);
        Assert.True(options.IsAllowedOrigin("https://zakelijk.avero.example"));
        Assert.False(options.IsAllowedOrigin("https://avero.example"));
        Assert.False(options.IsAllowedOrigin("http://mijn.avero.example"));
    }

    [Fact]
    public void APublicAddressOnAnIpAddressDoesNotStopStartUp()
    {
        var development = Read(true, ("Avero:PublicBaseUrl", "http://127.0.0.1:45123/"));
        var production = Read(false, ("Avero:PublicBaseUrl", "https://192.0.2.10/"));

        Assert.Equal("localhost", development.RelyingPartyId);
        Assert.True(development.IsAllowedOrigin("http://localhost:45123"));
        Assert.Equal("localhost", production.RelyingPartyId);
        Assert.Empty(production.Origins);
        Assert.False(production.IsAllowedOrigin("https://192.0.2.10"));
    }

    [Theory]
    [InlineData("Avero:Passkeys:RelyingPartyId", "192.0.2.1")]
    [InlineData("Avero:Passkeys:RelyingPartyId", "https://avero.example")]
    [InlineData("Avero:Passkeys:RelyingPartyId", "avero example")]
    [InlineData("Avero:Passkeys:Origins", "https://elders.example")]
    [InlineData("Avero:Passkeys:Origins", "http://avero.example")]
    [InlineData("Avero:Passkeys:Origins", "https://avero.example/pad")]
    [InlineData("Avero:Passkeys:Origins", "avero.example")]
    [InlineData("Avero:Passkeys:AllowAnyLocalhostPort", "ja")]
    [InlineData("Avero:Passkeys:AllowAnyLocalhostPort", "true")]
    public void AValueThatCanNotWorkStopsStartUpNamingTheKey(string key, string value)
    {
        var settings = key == "Avero:Passkeys:RelyingPartyId"
            ? new[] { (key, value) }
            : [("Avero:Passkeys:RelyingPartyId", "avero.example"), (key, value)];

        var error = Assert.Throws<InvalidOperationException>(() => Read(false, settings));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
