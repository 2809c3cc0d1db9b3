using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;

namespace AveroPortal.Benchmarks.FirstVisit;

/// <summary>
/// (e) What a first visit to / and to /inloggen costs on the wire: the page and everything it references (stylesheets,
/// scripts, images, fonts and other url()s of the stylesheets), asked for with Accept-Encoding: br, gzip and counted
/// as received, before any decompression. The same is fetched without compression for comparison.
/// </summary>
internal static partial class FirstVisitBenchmark
{
    private sealed record Resource(string Url, string Kind, int Status, string? ContentType, string? ContentEncoding, string? CacheControl,
        long BodyBytes, long HeaderBytes, long UncompressedBytes, long BrotliBytes);

    /// <summary>The pages measured: the start page and the login choice, each as a first visit with an empty cache.</summary>
    public static readonly string[] Pages = ["/", "/inloggen"];

    public static async Task RunAsync(Uri baseAddress, Report report)
    {
        var details = new Dictionary<string, object>();
        foreach (var path in Pages)
        {
            var compressed = await VisitAsync(baseAddress, path, "br, gzip", withBrotliEstimate: true);
            var plain = await VisitAsync(baseAddress, path, null, withBrotliEstimate: false);

            foreach (var resource in compressed)
            {
                report.Note($"{resource.Url,-50} {resource.Status} {resource.BodyBytes,9:N0} B {resource.ContentEncoding ?? "identity",-8} "
                    + $"(of {resource.UncompressedBytes:N0} B; br would be {resource.BrotliBytes:N0} B) {resource.Kind}; cache: {resource.CacheControl ?? "-"}");
            }

            // /inloggen keeps the ids of earlier runs, so their JSON files compare.
            var id = path == "/inloggen" ? "firstVisit" : "firstVisit.home";
            var body = compressed.Sum(r => r.BodyBytes);
            var headers = compressed.Sum(r => r.HeaderBytes);
            var uncompressed = plain.Sum(r => r.BodyBytes);
            var encoded = compressed.Count(r => r.ContentEncoding is not null);
            var fake = compressed.Count(r => r.ContentEncoding is not null && r.BodyBytes >= r.UncompressedBytes);
            report.Add(new Figure($"{id}.compressedBytes", "e", $"First visit to {path}, bodies with br/gzip", body / 1024.0, "KiB",
                $"{compressed.Count} responses ({encoded} of them with a Content-Encoding, {fake} of those not smaller than the original), body bytes as received; headers add {headers / 1024.0:0.0} KiB."));
            report.Add(new Figure($"{id}.uncompressedBytes", "e", $"First visit to {path}, without compression", uncompressed / 1024.0, "KiB",
                $"The same responses asked for without Accept-Encoding: compression saves {1 - (double)body / uncompressed:P0}."));
            var brotli = compressed.Sum(r => r.BrotliBytes);
            report.Add(new Figure($"{id}.brotliBytes", "e", $"First visit to {path}, if every response were br", brotli / 1024.0, "KiB",
                $"The same responses Brotli-compressed (as the SDK precompresses at publish): {body / (double)brotli:0.0}× less than what is sent now."));
            report.Add(new Figure($"{id}.requests", "e", $"First visit to {path}, requests", compressed.Count, "requests",
                "The page, its subresources, and /favicon.ico when the page names no icon (browsers ask for it anyway)."));
            details[path] = new { Compressed = compressed, Uncompressed = plain };
        }

        report.Detail("firstVisit", new { BaseAddress = baseAddress, Pages = details });
    }

    private static async Task<List<Resource>> VisitAsync(Uri baseAddress, string path, string? acceptEncoding, bool withBrotliEstimate)
    {
        using var http = FormBrowser.CreateHttpClient(baseAddress, 8);
        var resources = new List<Resource>();
        var page = await FetchAsync(http, path, "page", acceptEncoding, withBrotliEstimate);
        resources.Add(page.Resource);
        var html = page.Text;
        var pending = new Queue<(string Url, string Kind)>();
        foreach (Match match in LinkPattern().Matches(html))
        {
            pending.Enqueue((match.Groups["url"].Value, "link rel=" + match.Groups["rel"].Value));
        }

        foreach (Match match in SourcePattern().Matches(html))
        {
            pending.Enqueue((match.Groups["url"].Value, match.Groups["tag"].Value));
        }

        if (!IconPattern().IsMatch(html))
        {
            pending.Enqueue(("/favicon.ico", "implicit (no icon named)"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { path };
        while (pending.TryDequeue(out var next))
        {
            var url = new Uri(new Uri(baseAddress, "/"), WebUtility.HtmlDecode(next.Url));
            if (url.Host != baseAddress.Host || !seen.Add(url.PathAndQuery))
            {
                continue;
            }

            var fetched = await FetchAsync(http, url.PathAndQuery, next.Kind, acceptEncoding, withBrotliEstimate);
            resources.Add(fetched.Resource);
            if (fetched.Resource.ContentType?.StartsWith("text/css", StringComparison.Ordinal) == true)
            {
                foreach (Match match in CssUrlPattern().Matches(fetched.Text))
                {
                    var reference = match.Groups["url"].Value;
                    if (!reference.StartsWith("data:", StringComparison.Ordinal) && !reference.StartsWith('#'))
                    {
                        pending.Enqueue((new Uri(url, reference).PathAndQuery, "css url()"));
                    }
                }
            }
        }

        return resources;
    }

    private static async Task<(Resource Resource, string Text)> FetchAsync(HttpClient http, string path, string kind, string? acceptEncoding, bool withBrotliEstimate)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
        var decoded = Decode(body, encoding);
        var headerBytes = $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n".Length + 2
            + response.Headers.Concat(response.Content.Headers).Sum(h => h.Key.Length + 4 + string.Join(", ", h.Value).Length);
        var resource = new Resource(path, kind, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, encoding,
            response.Headers.CacheControl?.ToString(), body.LongLength, headerBytes, decoded.LongLength,
            encoding == "br" ? body.LongLength : withBrotliEstimate ? BrotliSize(decoded) : 0);
        return (resource, Encoding.UTF8.GetString(decoded));
    }

    /// <summary>What the response would weigh with Brotli at the quality the SDK precompresses with (the smallest).</summary>
    private static long BrotliSize(byte[] content)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(content);
        }

        return output.Length;
    }

    private static byte[] Decode(byte[] body, string? encoding)
    {
        using Stream? decoder = encoding switch
        {
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null)
        {
            return body;
        }

        using var decoded = new MemoryStream();
        decoder.CopyTo(decoded);
        return decoded.ToArray();
    }

    [GeneratedRegex("<link\\b(?=[^>]*\\brel=\"(?<rel>stylesheet|icon|shortcut icon|apple-touch-icon|preload|modulepreload|manifest)\")[^>]*\\bhref=\"(?<url>[^\"]+)\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<(?<tag>script|img)\\b[^>]*\\bsrc=\"(?<url>[^\"]+)\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex SourcePattern();

    [GeneratedRegex("<link\\b[^>]*\\brel=\"[^\"]*icon[^\"]*\"", RegexOptions.IgnoreCase)]
    private static partial Regex IconPattern();

    [GeneratedRegex("url\\(\\s*['\"]?(?<url>[^'\")]+)['\"]?\\s*\\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrlPattern();
}
