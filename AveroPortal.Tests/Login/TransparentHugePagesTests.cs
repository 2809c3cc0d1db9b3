using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class TransparentHugePagesTests
{
    [Theory]
    [InlineData("always [madvise] never\n", "madvise")]
    [InlineData("[always] madvise never\n", "always")]
    [InlineData("always madvise [never]", "never")]
    public void TheBracketedModeIsTheOneInUse(string setting, string expected) =>
        Assert.Equal(expected, TransparentHugePages.Parse(setting));

    [Theory]
    [InlineData("")]
    [InlineData("always madvise never")]
    [InlineData("always [] never")]
    [InlineData("always [mad vise] never")]
    [InlineData("always [madvise never")]
    public void AnUnreadableSettingIsNoMode(string setting) => Assert.Null(TransparentHugePages.Parse(setting));

    [Fact]
    public void AMissingSettingFileIsNoMode() =>
        Assert.Null(TransparentHugePages.ReadMode(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "enabled")));

    [Fact]
    public void TheSettingFileIsRead()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "always defer [madvise] never\n");
            Assert.Equal("madvise", TransparentHugePages.ReadMode(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
