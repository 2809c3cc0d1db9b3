using AveroPortal.Core.Login;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Login;

/// <summary>Avero:Security:PasswordHashing: less than OWASP's minimum for Argon2id stops start-up with a message that says so.</summary>
public sealed class PasswordHashingOptionsTests
{
    private static PasswordHashingOptions Read(params (string Key, string Value)[] settings) => PasswordHashingOptions.Read(
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key.StartsWith("Avero:", StringComparison.Ordinal) ? s.Key : "Avero:Security:PasswordHashing:" + s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void WithoutSettingsOwaspsMinimumAndTwoHashesPerCoreApply()
    {
        var options = Read();

        Assert.Equal(new PasswordHashingOptions(19456, 2, 2 * Environment.ProcessorCount, TimeSpan.FromSeconds(5)), options);
        Assert.Equal("m=19456,t=2,p=1", options.PhcParameters);
    }

    [Fact]
    public void StrongerSettingsAndAnotherGateAreTaken()
    {
        var options = Read(("MemoryKiB", "65536"), ("Iterations", "3"), ("Parallelism", "1"), ("MaxConcurrent", "3"), ("MaxWaitMilliseconds", "250"));

        Assert.Equal(new PasswordHashingOptions(65536, 3, 3, TimeSpan.FromMilliseconds(250)), options);
    }

    [Theory]
    [InlineData("MemoryKiB", "19455")]
    [InlineData("MemoryKiB", "7168")]
    [InlineData("Iterations", "1")]
    [InlineData("Iterations", "0")]
    public void LessThanOwaspsMinimumIsRefusedSayingSo(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((name, value)));

        Assert.Contains($"Avero:Security:PasswordHashing:{name} is '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("minimum van OWASP voor Argon2id (m = 19456 KiB = 19 MiB, t = 2, p = 1)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MemoryKiB", "2000000")]
    [InlineData("MemoryKiB", "veel")]
    [InlineData("Iterations", "17")]
    [InlineData("MaxConcurrent", "0")]
    [InlineData("MaxWaitMilliseconds", "-1")]
    [InlineData("MaxWaitMilliseconds", "60001")]
    public void ValuesOutsideTheirRangeAreRefusedNotClamped(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((name, value)));

        Assert.StartsWith($"Avero:Security:PasswordHashing:{name} is '{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherParallelismIsRefusedBecauseLibsodiumUsesOneLane()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Parallelism", "4")));

        Assert.Contains("p = 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheOldPbkdf2SettingIsRefusedRatherThanIgnored()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Avero:Security:PasswordHashIterations", "600000")));

        Assert.Contains("Avero:Security:PasswordHashIterations", error.Message, StringComparison.Ordinal);
        Assert.Contains("Argon2id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APortalWithLessThanOwaspsMinimumDoesNotStart()
    {
        using var factory = new PortalFactory { Settings = new Dictionary<string, string> { ["Avero:Security:PasswordHashing:MemoryKiB"] = "12288" } };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.StartsWith("Avero:Security:PasswordHashing:MemoryKiB is '12288': minder dan het minimum van OWASP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortalWithAStrongerCostHashesAtThatCost()
    {
        await using var factory = new PortalFactory { Settings = new Dictionary<string, string> { ["Avero:Security:PasswordHashing:MemoryKiB"] = "32768" } };

        var account = await factory.CreateAccountAsync();

        Assert.StartsWith("$argon2id$v=19$m=32768,t=2,p=1$", (await factory.AccountAsync(account.Id)).PasswordHash, StringComparison.Ordinal);
        Assert.Equal(32768, factory.Services.GetRequiredService<SecurityOptions>().PasswordHashing.MemoryKiB);
    }
}
