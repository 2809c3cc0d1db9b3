using AveroPortal.Blazor.Operations;
using AveroPortal.Core.Login;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Tests.Operations;

public sealed class PasswordHashingAtStartupTests : IDisposable
{
    private readonly PasswordHashing _hashing = new(PasswordHashingOptions.Default);
    private readonly CapturedLog _log = new();

    [Fact]
    public async Task WithoutHugePagesTheOperatorIsWarnedWhatToSet()
    {
        await Start("madvise");

        var warning = Assert.Single(_log.Warnings);
        Assert.Contains("'madvise'", warning);
        Assert.Contains(TransparentHugePages.SettingPath, warning);
        Assert.Contains("m=19456,t=2,p=1", warning);
    }

    [Theory]
    [InlineData("always")]
    [InlineData(null)]
    public async Task WithHugePagesOrOffLinuxTheSettingIsOnlyReported(string? mode)
    {
        await Start(mode);

        Assert.Empty(_log.Warnings);
        var line = Assert.Single(_log.Lines, l => l.Category == typeof(PasswordHashingAtStartup).FullName);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("m=19456,t=2,p=1", line.Message);
    }

    [Fact]
    public async Task ThePortalLogsTheHashingSettingAtStartUp()
    {
        var log = new CapturedLog();
        await using var portal = new PortalFactory { ConfigureServices = log.AddTo };
        using var client = portal.CreateClient();

        Assert.Contains(log.Lines, l => l.Category == typeof(PasswordHashingAtStartup).FullName && l.Message.Contains("Argon2id m=19456,t=2,p=1"));
    }

    public void Dispose() => _hashing.Dispose();

    private Task Start(string? mode) =>
        new PasswordHashingAtStartup(_hashing, _log.For<PasswordHashingAtStartup>(), () => mode).StartAsync(CancellationToken.None);
}
