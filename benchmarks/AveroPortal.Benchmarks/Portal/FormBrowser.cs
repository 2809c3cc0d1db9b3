using System.Diagnostics;
using System.Net;
using System.Text;

namespace AveroPortal.Benchmarks.Portal;

/// <summary>The four requests of one login and how long each took (Stopwatch ticks).</summary>
internal sealed record LoginTimings(long PasswordPage, long PasswordPost, long CodePage, long CodePost)
{
    public long Total => PasswordPage + PasswordPost + CodePage + CodePost;
}

/// <summary>
/// A browser without JavaScript, like the tests' FormClient but over real sockets: GET the page, read its anti-forgery
/// token, POST the fields. It keeps its own cookies (the shared HttpClient keeps none) and follows no redirects.
/// </summary>
internal sealed class FormBrowser(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    /// <summary>Password step and code step of <paramref name="account"/>, starting from an empty cookie jar.</summary>
    public async Task<LoginTimings> LoginAsync(BenchmarkAccount account)
    {
        _cookies.Clear();
        var started = Stopwatch.GetTimestamp();
        var loginPage = await SendAsync(HttpMethod.Get, "/inloggen/particulier");
        var afterLoginPage = Stopwatch.GetTimestamp();
        var password = await SendAsync(HttpMethod.Post, "/inloggen/particulier", new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["__RequestVerificationToken"] = AntiforgeryToken(loginPage.Body),
            ["Model.Email"] = account.Email,
            ["Model.Password"] = account.Password,
        });
        Expect(password, "/inloggen/code", "password step");
        var afterPassword = Stopwatch.GetTimestamp();
        var codePage = await SendAsync(HttpMethod.Get, "/inloggen/code");
        var afterCodePage = Stopwatch.GetTimestamp();
        var code = await SendAsync(HttpMethod.Post, "/inloggen/code", new Dictionary<string, string>
        {
            ["_handler"] = "code",
            ["__RequestVerificationToken"] = AntiforgeryToken(codePage.Body),
            ["Model.Code"] = account.CodeNow(),
        });
        Expect(code, "/mijn-overzicht", "code step");
        if (Cookie(BenchmarkPortal.SessionCookie) is null)
        {
            throw new InvalidOperationException("The code step set no session cookie.");
        }

        var finished = Stopwatch.GetTimestamp();
        return new LoginTimings(afterLoginPage - started, afterPassword - afterLoginPage, afterCodePage - afterPassword, finished - afterCodePage);
    }

    /// <summary>
    /// The client shares the cores with the portal, so it reads what a browser would need and no more: the page's
    /// bytes (no UTF-16 copy, no regular expression) and, of a redirect, its status and Location.
    /// </summary>
    private async Task<(HttpStatusCode Status, byte[] Body, string? Location)> SendAsync(HttpMethod method, string path, IDictionary<string, string>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        using var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                // A deleted cookie comes back empty with an expiry in 1970.
                if (value.Length == 0)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers.Location?.OriginalString);
    }

    private static void Expect((HttpStatusCode Status, byte[] Body, string? Location) response, string location, string step)
    {
        if (response.Status != HttpStatusCode.Redirect || response.Location is null || !response.Location.EndsWith(location, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The {step} answered {(int)response.Status} {response.Location} instead of a redirect to {location}.");
        }
    }

    /// <summary>The value of the page's first <c>__RequestVerificationToken</c> field, as a browser would post it.</summary>
    private static string AntiforgeryToken(byte[] html)
    {
        var page = html.AsSpan();
        var start = page.IndexOf("name=\"__RequestVerificationToken\" value=\""u8);
        if (start >= 0)
        {
            var value = page[(start + TokenPrefixLength)..];
            var end = value.IndexOf((byte)'"');
            if (end > 0)
            {
                return WebUtility.HtmlDecode(Encoding.UTF8.GetString(value[..end]));
            }
        }

        throw new InvalidOperationException("No anti-forgery token on the page.");
    }

    private static readonly int TokenPrefixLength = "name=\"__RequestVerificationToken\" value=\""u8.Length;

    /// <summary>One client for many simulated browsers: cookies per <see cref="FormBrowser"/>, connections pooled.</summary>
    public static HttpClient CreateHttpClient(Uri baseAddress, int maxConnections = 1024) =>
        new(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };
}
