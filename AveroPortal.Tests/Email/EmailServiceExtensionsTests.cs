using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Email;

public sealed class EmailServiceExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        // What AddAveroCore registers and the senders depend on; nothing here opens the database.
        services.AddSingleton(new DatabaseOptions(Path.Combine(Path.GetTempPath(), "not-opened.db")));
        services.AddSingleton<Db>();
        services.AddSingleton(TimeProvider.System);
        services.AddAveroEmail(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static InvalidOperationException BuildFails(params (string Key, string Value)[] settings) =>
        Assert.Throws<InvalidOperationException>(() => Build(settings));

    [Fact]
    public void WithoutHostMailGoesToTheOutbox()
    {
        using var provider = Build();

        Assert.IsType<OutboxEmailSender>(provider.GetRequiredService<IEmailSender>());
        Assert.NotNull(provider.GetRequiredService<OutboxRepository>());
    }

    [Fact]
    public void EmptyHostCountsAsNoHost()
    {
        using var provider = Build(("Avero:Smtp:Host", " "));

        Assert.IsType<OutboxEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void WithHostMailGoesThroughSmtpAndTheOutboxStaysReadable()
    {
        using var provider = Build(("Avero:Smtp:Host", "smtp.example.com"));

        Assert.IsType<SmtpEmailSender>(provider.GetRequiredService<IEmailSender>());
        Assert.NotNull(provider.GetRequiredService<OutboxRepository>());
    }

    [Fact]
    public void SettingsAreBoundWithTheirDefaults()
    {
        using var provider = Build(("Avero:Smtp:Host", "smtp.example.com"), ("Avero:Smtp:UserName", "portal"));

        var options = provider.GetRequiredService<SmtpOptions>();
        Assert.Equal("smtp.example.com", options.Host);
        Assert.Equal(587, options.Port);
        Assert.Equal("StartTls", options.Security);
        Assert.Equal("portal", options.UserName);
        Assert.Equal("noreply@averoachmea.example", options.FromAddress);
        Assert.Equal("Avéro Achmea", options.FromName);
    }

    [Fact]
    public void PasswordStaysOutOfTheOptionsText()
    {
        using var provider = Build(("Avero:Smtp:Host", "smtp.example.com"), ("Avero:Smtp:Password", "zeer-geheim"));

        Assert.DoesNotContain("zeer-geheim", provider.GetRequiredService<SmtpOptions>().ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-25")]
    public void PortOutsideTheValidRangeStopsStartUp(string port)
    {
        var error = BuildFails(("Avero:Smtp:Host", "smtp.example.com"), ("Avero:Smtp:Port", port));

        Assert.Contains("Avero:Smtp:Port", error.Message);
        Assert.Contains("1 tot en met 65535", error.Message);
    }

    [Fact]
    public void PortThatIsNoNumberStopsStartUp()
    {
        var error = BuildFails(("Avero:Smtp:Host", "smtp.example.com"), ("Avero:Smtp:Port", "vijfentwintig"));

        Assert.Contains("Avero:Smtp", error.Message);
    }

    [Fact]
    public void UnknownSecurityStopsStartUp()
    {
        var error = BuildFails(("Avero:Smtp:Host", "smtp.example.com"), ("Avero:Smtp:Security", "Tls"));

        Assert.Contains("Avero:Smtp:Security", error.Message);
        Assert.Contains("None, StartTls of SslOnConnect", error.Message);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("StartTls")]
    [InlineData("SslOnConnect")]
    [InlineData("starttls")]
    public void EachSecurityModeIsAccepted(string security)
    {
        using var provider = Build(("Avero:Smtp:Host", "smtp.example.com"), ("Avero:Smtp:Security", security));

        Assert.IsType<SmtpEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void BadSettingsStopStartUpEvenWithoutHost()
    {
        BuildFails(("Avero:Smtp:Port", "0"));
    }

    [Fact]
    public void InvalidFromAddressStopsStartUp()
    {
        var error = BuildFails(("Avero:Smtp:Host", "smtp.example.com"), ("Avero:Smtp:FromAddress", "geen adres"));

        Assert.Contains("Avero:Smtp:FromAddress", error.Message);
    }
}
