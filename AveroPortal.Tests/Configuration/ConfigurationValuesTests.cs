using AveroPortal.Core.Configuration;
using AveroPortal.Core.Data;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Tests.Configuration;

/// <summary>Enum and URL settings mean what they say: no numeric enum values, no relative or file URLs.</summary>
public sealed class ConfigurationValuesTests
{
    [Theory]
    [InlineData("Post", ResponseBinding.Post)]
    [InlineData("artifact", ResponseBinding.Artifact)]
    [InlineData(null, ResponseBinding.Artifact)]
    [InlineData("", ResponseBinding.Artifact)]
    public void NamedEnumValuesAreAccepted(string? value, ResponseBinding expected) =>
        Assert.Equal(expected, ConfigurationValues.NamedEnum(value, "Avero:EHerkenning:Broker:ResponseBinding", ResponseBinding.Artifact));

    [Theory]
    [InlineData("7")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("Post,Artifact")]
    [InlineData("Redirect")]
    public void NumericAndUnknownEnumValuesAreRefusedNamingTheKey(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ConfigurationValues.NamedEnum(value, "Avero:EHerkenning:Broker:ResponseBinding", ResponseBinding.Artifact));

        Assert.Equal($"Avero:EHerkenning:Broker:ResponseBinding '{value}' is onbekend; kies Artifact of Post.", error.Message);
    }

    [Fact]
    public void ADatabaseProviderGivenAsANumberIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigurationValues.NamedEnum("1", "Avero:Database:Provider", DatabaseProvider.Sqlite));

        Assert.Contains("kies Sqlite of PostgreSql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APortalConfiguredWithDatabaseProviderOneDoesNotStart()
    {
        // Enum.TryParse took "1" for PostgreSql; the portal must refuse it instead of picking a database.
        using var factory = new PortalFactory { Settings = new Dictionary<string, string> { ["Avero:Database:Provider"] = "1" } };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Equal("Avero:Database:Provider '1' is onbekend; kies Sqlite of PostgreSql.", error.Message);
    }

    [Theory]
    [InlineData("/eherkenning/acs")]
    [InlineData("eherkenning/acs")]
    [InlineData("file:///eherkenning/acs")]
    [InlineData("ftp://portaal.example/acs")]
    [InlineData("\\\\server\\share\\acs")]
    [InlineData("https://user:secret@portaal.example/acs")]
    [InlineData("")]
    public void AnythingButAnAbsoluteHttpUrlIsRefused(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigurationValues.AbsoluteHttpUrl(value, "Avero:EHerkenning:AcsUrl"));

        Assert.StartsWith($"Avero:EHerkenning:AcsUrl '{value}' is geen absolute http(s)-URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://broker.example/metadata", false, true)]
    [InlineData("http://broker.example/metadata", true, false)]
    [InlineData("http://127.0.0.1:8080/metadata", true, true)]
    [InlineData("http://localhost/metadata", true, true)]
    [InlineData("http://127.0.0.1:8080/metadata", false, false)]
    public void PlainHttpIsOnlyAllowedToLoopbackWhenAllowed(string url, bool allowLoopbackHttp, bool accepted)
    {
        var read = () => ConfigurationValues.AbsoluteHttpUrl(url, "Avero:EHerkenning:Broker:MetadataUrl", httpsOnly: true, allowLoopbackHttp);

        if (accepted)
        {
            Assert.Equal(new Uri(url), read());
        }
        else
        {
            Assert.Contains("moet https gebruiken", Assert.Throws<InvalidOperationException>(read).Message, StringComparison.Ordinal);
        }
    }

    private static IConfiguration With(string key, string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("dertig")]
    public void ANumberOutsideItsRangeIsRefusedNamingTheKeyAndTheRange(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ConfigurationValues.IntInRange(With("Avero:Security:SessionRevalidationSeconds", value), "Avero:Security:SessionRevalidationSeconds", 30, 1, 300));

        Assert.Equal($"Avero:Security:SessionRevalidationSeconds is '{value}'; kies een heel getal van 1 tot en met 300.", error.Message);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("300", 300)]
    [InlineData(" 45 ", 45)]
    [InlineData(null, 30)]
    [InlineData("", 30)]
    public void ANumberInItsRangeOrMissingIsRead(string? value, int expected)
    {
        Assert.Equal(expected, ConfigurationValues.IntInRange(With("Avero:Key", value), "Avero:Key", 30, 1, 300));
    }

    [Fact]
    public void ANumberWithOnlyAMinimumNamesTheMinimum()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ConfigurationValues.IntInRange(With("Avero:Security:LoginRateLimitPerMinute", "0"), "Avero:Security:LoginRateLimitPerMinute", 30, 1));

        Assert.Equal("Avero:Security:LoginRateLimitPerMinute is '0'; kies een heel getal minstens 1.", error.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData(null, true)]
    public void ABooleanIsTrueOrFalseOrTheDefault(string? value, bool expected)
    {
        Assert.Equal(expected, ConfigurationValues.Bool(With("Avero:Idin:Enabled", value), "Avero:Idin:Enabled", true));
    }

    [Fact]
    public void ABooleanThatIsNeitherIsRefusedNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigurationValues.Bool(With("Avero:Idin:Enabled", "ja"), "Avero:Idin:Enabled", false));

        Assert.Equal("Avero:Idin:Enabled is 'ja'; kies true of false.", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void AMissingRequiredValueIsRefusedNamingTheKey(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigurationValues.Required(With("Avero:Idin:ClientId", value), "Avero:Idin:ClientId"));

        Assert.Equal("Configuratie ontbreekt: Avero:Idin:ClientId.", error.Message);
    }

    [Fact]
    public void ARequiredValueIsReadAsGiven()
    {
        Assert.Equal("portaal", ConfigurationValues.Required(With("Avero:Idin:ClientId", "portaal"), "Avero:Idin:ClientId", "de client-id"));
    }
}
