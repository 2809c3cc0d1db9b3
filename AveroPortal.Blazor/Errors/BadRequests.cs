using System.Text.Unicode;
using AveroPortal.Blazor.Extensions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Template;

namespace AveroPortal.Blazor.Errors;

/// <summary>
/// Requests the portal can not serve end on its Dutch error pages with a warning in the log that names the reason;
/// never a framework's English text, a stack trace or a 500, whatever the input. One place for every page and every
/// form endpoint; the protocol endpoints (SAML ACS, the Development test brokers) answer in their protocol's own way.
/// </summary>
internal static class BadRequests
{
    /// <summary>The largest browser form the portal accepts. Its real forms hold a few short fields (well under 4 kB).</summary>
    public const int MaxFormBytes = 64 * 1024;

    /// <summary>Field names of the portal's forms are short ASCII (<c>Model.Email</c>, <c>_handler</c>, <c>bank</c>).</summary>
    private const int MaxFieldNameLength = 200;

    private const int MaxFields = 100;

    // The error page of a request without a usable Host still needs an address to render against; it only writes
    // relative links, so this name never reaches the visitor.
    private const string StandInHost = "localhost";

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = MaxFields,
        KeyLengthLimit = MaxFieldNameLength,
        ValueLengthLimit = MaxFormBytes,
        MultipartBodyLengthLimit = MaxFormBytes,
        BufferBody = false,
    };

    /// <summary>The first checks, before routing, the developer exception page and everything else.</summary>
    public static void AddBadRequestHandling(this IServiceCollection services)
    {
        services.AddTransient<IStartupFilter, RequestLineChecks>();
        // With AllowedHosts set, ASP.NET Core's host filter (outside every other middleware) answers a foreign Host
        // with an English HTML page ("Bad Request - Invalid Hostname"); an empty 400 says as much and no English.
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(options => options.IncludeFailureMessage = false);
    }

    /// <summary>
    /// Runs inside the status-code pages (so an empty 4xx set here gets the Dutch page) and outside everything else:
    /// refuses what <see cref="RequestLineChecks"/> marked, turns a framework's bad-request exception or its English
    /// plain-text answer into the Dutch page, answers other methods with the Dutch 405 page, and logs every refusal.
    /// </summary>
    public static void UseBadRequestPages(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BadRequests).FullName!);
        app.Use(async (context, next) =>
        {
            if (IsErrorPage(context))
            {
                await next(context);
                return;
            }

            if (context.Features.Get<Refusal>() is { } early)
            {
                Refuse(context, logger, early);
                return;
            }

            // Blazor (a page's form post) and SignalR (the circuit's transport, but for its WebSocket) answer some
            // requests with an English plain-text sentence.
            var page = HttpMethods.IsPost(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var circuit = context.Request.Path.StartsWithSegments("/_blazor") && !context.WebSockets.IsWebSocketRequest;
            var filter = page || circuit ? new PlainTextErrorFilter(context.Response) : null;
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // Kestrel (a body that breaks off, is too large or too slow) and, in Development, minimal APIs
                // (RouteHandlerOptions.ThrowOnBadRequest) throw these; they are the client's fault, not a 500.
                // Not Response.Clear(): that would drop the security headers set further out.
                context.Response.ContentType = null;
                context.Response.ContentLength = null;
                Refuse(context, logger, new Refusal(e.StatusCode, "verzoek onleesbaar: " + e.Message));
                return;
            }
            finally
            {
                filter?.Detach();
            }

            AfterEndpoint(context, logger, filter, page);
        });
    }

    /// <summary>
    /// Browser forms (every endpoint that checks an anti-forgery token: the static pages' forms and the mapped form
    /// endpoints) are read here, before anything acts on them: at most <see cref="MaxFormBytes"/>, UTF-8 text as a
    /// browser sends it, no NUL, at most <see cref="MaxFields"/> fields with short ASCII names, a form name for a
    /// page. Anything else is refused with the Dutch page before the anti-forgery check, the page or the endpoint
    /// runs, so nothing is stored. Characters that are merely odd (a tab, an escape) reach the page, which answers
    /// with its own Dutch field message.
    /// </summary>
    public static void UseFormChecks(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BadRequests).FullName!);
        app.Use(async (context, next) =>
        {
            if (!IsBrowserFormPost(context))
            {
                await next(context);
                return;
            }

            if (await CheckFormAsync(context) is { } refusal)
            {
                Refuse(context, logger, refusal);
                return;
            }

            await next(context);
        });
    }

    private sealed record Refusal(int Status, string Reason);

    private static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    private static void Refuse(HttpContext context, ILogger logger, Refusal refusal)
    {
        context.Response.StatusCode = refusal.Status;
        Log(context, logger, refusal.Reason);
    }

    private static void Log(HttpContext context, ILogger logger, string reason)
    {
        // One line per refused request: the first (most precise) reason wins.
        if (!context.Items.TryAdd(typeof(Refusal), reason))
        {
            return;
        }

        logger.LogWarning("Verzoek geweigerd met {Status}: {Method} {Path}: {Reason}",
            context.Response.StatusCode, ProtocolForm.ForLog(context.Request.Method, 16), ProtocolForm.ForLog(context.Request.Path.Value, 200), ProtocolForm.ForLog(reason, 300));
    }

    private static void AfterEndpoint(HttpContext context, ILogger logger, PlainTextErrorFilter? filter, bool page)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            // Routing's Allow also lists the static-file fallback's GET and HEAD for every address; an address only
            // that fallback knows does not exist for any method.
            var allowed = AllowedMethods(context);
            var byRouting = context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is null
                && endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;
            if (allowed.Length == 0 && byRouting)
            {
                response.Headers.Remove("Allow");
                response.StatusCode = StatusCodes.Status404NotFound;
                context.Request.Method = HttpMethods.Get;
                return;
            }

            if (allowed.Length > 0)
            {
                response.Headers.Allow = allowed;
            }

            if (HttpMethods.IsOptions(context.Request.Method))
            {
                // OPTIONS asks which methods the address takes; Allow is the answer, there is no page to show.
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            Log(context, logger, "methode niet toegestaan (Allow: " + response.Headers.Allow + ")");
            // The status-code pages route the error page with the request's method, and the error page only takes
            // GET and POST: a PUT would meet the 405 again and stay empty. The first checks restore the method.
            context.Request.Method = HttpMethods.Get;
            return;
        }

        if (response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType
            || filter is { HeldBack: true })
        {
            var antiforgery = context.Features.Get<IAntiforgeryValidationFeature>();
            string reason;
            if (antiforgery is { IsValid: false })
            {
                reason = "anti-forgery-token ongeldig of ontbreekt: " + antiforgery.Error?.Message;
            }
            else if (filter is not null && response.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true)
            {
                // Blazor's answer to a form name no form on the page has (in Development in English, repeating the
                // submitted value, which the filter held back), or SignalR's to an unknown connection: the Dutch page.
                response.ContentType = null;
                response.ContentLength = null;
                reason = page
                    ? "geen formulier op deze pagina met de opgegeven formuliernaam (_handler)"
                    : "onbekende of onvolledige circuitverbinding";
            }
            else
            {
                reason = response.StatusCode == StatusCodes.Status415UnsupportedMediaType
                    ? "geen formulier (Content-Type: " + (context.Request.ContentType ?? "geen") + ")"
                    : "geweigerd door het endpoint";
            }

            Log(context, logger, reason);
        }
    }

    /// <summary>The methods of the endpoints whose pattern matches the path (HEAD with GET, as the first checks answer it).</summary>
    private static string AllowedMethods(HttpContext context)
    {
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => p.IsCatchAll)
                || !new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)).TryMatch(context.Request.Path, new RouteValueDictionary()))
            {
                continue;
            }

            methods.UnionWith(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []);
        }

        if (methods.Contains(HttpMethods.Get))
        {
            methods.Add(HttpMethods.Head);
        }

        string[] usual = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];
        return string.Join(", ", usual.Where(methods.Contains).Concat(methods.Except(usual, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)));
    }

    private static bool IsBrowserFormPost(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
        && !HttpMethods.IsOptions(context.Request.Method) && !HttpMethods.IsTrace(context.Request.Method)
        && !IsErrorPage(context)
        && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true };

    private static async Task<Refusal?> CheckFormAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, "geen formulier (Content-Type: " + (request.ContentType ?? "geen") + ")");
        }

        if (request.ContentLength > MaxFormBytes)
        {
            return new Refusal(StatusCodes.Status413PayloadTooLarge, $"formulier van {request.ContentLength} bytes, meer dan {MaxFormBytes}");
        }

        var body = await ReadAtMostAsync(request.Body, MaxFormBytes + 1, context.RequestAborted);
        if (body.Length > MaxFormBytes)
        {
            return new Refusal(StatusCodes.Status413PayloadTooLarge, $"formulier van meer dan {MaxFormBytes} bytes");
        }

        var multipart = request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);
        if ((multipart ? MultipartProblem(body) : UrlEncodedProblem(body)) is { } problem)
        {
            return new Refusal(StatusCodes.Status400BadRequest, problem);
        }

        // The checked bytes are what the form reader, the anti-forgery check and the page read next (one read, cached).
        request.Body = new MemoryStream(body, writable: false);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(FormLimits, context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "formulier onleesbaar: " + e.Message);
        }

        if (form.Files.Count > 0)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "formulier met een bestand (de portal neemt geen bestanden aan)");
        }

        if (form.Keys.FirstOrDefault(key => !IsFieldName(key)) is { } name)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "veldnaam met tekens buiten ASCII of leeg: " + name);
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && form["_handler"].Count != 1)
        {
            return new Refusal(StatusCodes.Status400BadRequest, form["_handler"].Count == 0
                ? "formulier zonder formuliernaam (_handler)"
                : "formulier met meer dan één formuliernaam (_handler)");
        }

        return null;
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A browser percent-encodes everything outside printable ASCII, and what it encodes is UTF-8: raw control bytes,
    /// a broken escape or bytes that do not decode to UTF-8 never come from the portal's pages. A NUL is refused too.
    /// </summary>
    private static string? UrlEncodedProblem(byte[] body)
    {
        var decoded = new byte[body.Length];
        var length = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            var b = i < body.Length ? body[i] : (byte)'&';
            if (b is (byte)'&' or (byte)'=')
            {
                if (!Utf8.IsValid(decoded.AsSpan(0, length)))
                {
                    return "formulier met tekens die geen UTF-8 zijn";
                }

                length = 0;
                continue;
            }

            if (b is < 0x20 or > 0x7E)
            {
                return $"formulier met een ongecodeerde byte 0x{b:X2}";
            }

            if (b == '%')
            {
                if (i + 2 >= body.Length || !IsHex(body[i + 1]) || !IsHex(body[i + 2]))
                {
                    return "formulier met een onvolledige %-code";
                }

                b = (byte)((Hex(body[i + 1]) << 4) | Hex(body[i + 2]));
                i += 2;
                if (b == 0)
                {
                    return "formulier met een NUL-teken";
                }
            }
            else if (b == '+')
            {
                b = (byte)' ';
            }

            decoded[length++] = b;
        }

        return null;
    }

    /// <summary>The portal takes no files, so a multipart form is text: UTF-8 throughout, without NUL.</summary>
    private static string? MultipartProblem(byte[] body) =>
        !Utf8.IsValid(body) ? "multipart-formulier dat geen UTF-8 is"
        : body.AsSpan().Contains((byte)0) ? "multipart-formulier met een NUL-teken"
        : null;

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static bool IsFieldName(string key) => key.Length is > 0 and <= MaxFieldNameLength && key.All(c => c is > ' ' and < '\u007f');

    /// <summary>
    /// Before routing: a request without a usable Host (HTTP/1.0 allows none) would make every page throw while
    /// building its base address, the error page included; it gets a stand-in host so the Dutch 400 page can render,
    /// and is refused by <see cref="UseBadRequestPages"/>. HEAD is answered as GET (Kestrel still sends no body),
    /// because the pages are only mapped for GET and POST.
    /// </summary>
    private sealed class RequestLineChecks : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var request = context.Request;
                if (!Uri.TryCreate($"{request.Scheme}://{request.Host.Value}/", UriKind.Absolute, out _) || !request.Host.HasValue)
                {
                    context.Features.Set(new Refusal(StatusCodes.Status400BadRequest, "verzoek zonder (geldige) Host-header"));
                    request.Host = new HostString(StandInHost);
                }

                // The method as it came in, also for the log's "Request finished" line: HEAD is served as GET here,
                // and a refused method's error page is fetched with GET later on.
                var method = request.Method;
                if (HttpMethods.IsHead(method))
                {
                    request.Method = HttpMethods.Get;
                }

                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    request.Method = method;
                }
            });
            next(app);
        };
    }

    /// <summary>
    /// Blazor answers a post for a form name no form on the page has with a plain-text 400 (in Development with an
    /// English sentence that repeats the submitted name); SignalR answers an unknown connection id with "No Connection
    /// with that ID". This stream lets every other answer through untouched (pages, negotiation, long polling) and
    /// holds back plain-text errors, so the Dutch page takes their place.
    /// </summary>
    private sealed class PlainTextErrorFilter : Stream
    {
        private readonly HttpResponse _response;
        private readonly Stream _inner;
        private bool? _holdBack;

        public PlainTextErrorFilter(HttpResponse response)
        {
            _response = response;
            _inner = response.Body;
            response.Body = this;
        }

        public bool HeldBack => _holdBack == true;

        // Restores the original body (and with it the original response body feature).
        public void Detach() => _response.Body = _inner;

        private bool HoldBack => _holdBack ??= _response.StatusCode >= 400
            && _response.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            if (!HoldBack)
            {
                _inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => HoldBack ? Task.CompletedTask : _inner.FlushAsync(cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!HoldBack)
            {
                _inner.Write(buffer, offset, count);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            HoldBack ? Task.CompletedTask : _inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            HoldBack ? ValueTask.CompletedTask : _inner.WriteAsync(buffer, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
