using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;

namespace AveroPortal.Tests.Extensions;

/// <summary>
/// What a first visit loads. The start page and the login choice use no MudBlazor component, so they load a few KB of
/// its rules (mud-subset.css) instead of its 627 KB stylesheet; and every stylesheet and script that says it is
/// compressed is: from a build manifest (dotnet run, these tests, the benchmark) ASP.NET Core's development handler
/// re-compressed assets it judged changed at CompressionLevel.NoCompression and sent MudBlazor.min.css as 627,545 B
/// labelled gzip, until appsettings.json turned ReloadStaticAssetsAtRuntime off.
/// </summary>
public sealed partial class StaticAssetsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/inloggen")]
    public async Task APageWithoutMudBlazorComponentsLoadsNoMudBlazorStylesheet(string path)
    {
        var html = await factory.CreateClient().GetStringAsync(path);

        Assert.DoesNotContain("MudBlazor.min.css", html, StringComparison.Ordinal);
        Assert.Matches("href=\"mud-subset\\.[a-z0-9]+\\.css\"", html);
    }

    [Fact]
    public async Task APageWithMudBlazorComponentsLoadsItsStylesheetAndTheTheme()
    {
        var html = await factory.CreateClient().GetStringAsync("/inloggen/particulier");

        Assert.Contains("_content/MudBlazor/MudBlazor.min.css", html, StringComparison.Ordinal);
        Assert.Matches("href=\"mud-theme\\.[a-z0-9]+\\.css\"", html);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br, gzip")]
    public async Task BuildAssetsLabelledCompressedAreActuallyCompressed(string acceptEncoding)
    {
        var client = factory.CreateClient();
        var assets = AssetPattern().Matches(await client.GetStringAsync("/inloggen/particulier") + await client.GetStringAsync("/inloggen"))
            .Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.Contains("_content/MudBlazor/MudBlazor.min.css", assets);
        Assert.Contains(assets, a => a.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            var original = await client.GetByteArrayAsync("/" + asset);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var encoding = Assert.Single(response.Content.Headers.ContentEncoding);
            Assert.True(body.Length < original.Length * 0.6 || original.Length < 1024,
                $"{asset}: {body.Length:N0} B as {encoding} for {original.Length:N0} B");
            Assert.Equal(original, Decode(body, encoding));
        }
    }

    private static byte[] Decode(byte[] body, string encoding)
    {
        using Stream decoder = encoding switch
        {
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => throw new InvalidOperationException("unexpected encoding " + encoding),
        };
        using var decoded = new MemoryStream();
        decoder.CopyTo(decoded);
        return decoded.ToArray();
    }

    [GeneratedRegex("<(?:link|script)\\b[^>]*\\b(?:href|src)=\"(?<url>[^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetPattern();
}
