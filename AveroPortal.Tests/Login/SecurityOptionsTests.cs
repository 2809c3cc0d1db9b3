using AveroPortal.Core.Login;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Login;

/// <summary>Avero:Security out of range stops start-up naming the key and the range; it used to be clamped silently.</summary>
public sealed class SecurityOptionsTests
{
    private static SecurityOptions Read(params (string Key, string Value)[] settings) => SecurityOptions.Read(
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => "Avero:Security:" + s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void WithoutSettingsTheDefaultsApply()
    {
        var options = Read();

        Assert.Equal(new SecurityOptions(PasswordHashingOptions.Default, 30, TimeSpan.FromSeconds(30)), options);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public void SessionRevalidationSecondsOutOfRangeIsRefusedNotClamped(string seconds)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("SessionRevalidationSeconds", seconds)));

        Assert.Contains("Avero:Security:SessionRevalidationSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("van 1 tot en met 300", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALoginRateLimitBelowOneIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("LoginRateLimitPerMinute", "0")));

        Assert.Contains("Avero:Security:LoginRateLimitPerMinute", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public void APortalWithSessionRevalidationSecondsOutOfRangeDoesNotStart(string seconds)
    {
        using var factory = new PortalFactory { Settings = new Dictionary<string, string> { ["Avero:Security:SessionRevalidationSeconds"] = seconds } };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Equal($"Avero:Security:SessionRevalidationSeconds is '{seconds}'; kies een heel getal van 1 tot en met 300.", error.Message);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("300")]
    public async Task APortalWithSessionRevalidationSecondsInRangeStarts(string seconds)
    {
        await using var factory = new PortalFactory { Settings = new Dictionary<string, string> { ["Avero:Security:SessionRevalidationSeconds"] = seconds } };

        var response = await factory.CreateClient().GetAsync(new Uri("/inloggen", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
            factory.Services.GetRequiredService<SecurityOptions>().SessionRevalidationInterval);
    }
}
