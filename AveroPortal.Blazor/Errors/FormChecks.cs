using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Features;

namespace AveroPortal.Blazor.Errors;

/// <summary>
/// Browser forms (every endpoint that checks an anti-forgery token: the static pages' forms and the mapped form
/// endpoints) are read here, before anything acts on them: at most <see cref="MaxFormBytes"/>, UTF-8 text as a
/// browser sends it, no NUL, at most <see cref="MaxFields"/> fields with short ASCII names, a form name for a
/// page. Anything else is refused with the Dutch page before the anti-forgery check, the page or the endpoint
/// runs, so nothing is stored. Characters that are merely odd (a tab, an escape) reach the page, which answers
/// with its own Dutch field message.
/// </summary>
internal static class FormChecks
{
    /// <summary>The largest browser form the portal accepts. Its real forms hold a few short fields (well under 4 kB).</summary>
    public const int MaxFormBytes = 64 * 1024;

    public const int MaxFields = 100;

    /// <summary>Field names of the portal's forms are short ASCII (<c>Model.Email</c>, <c>_handler</c>, <c>bank</c>).</summary>
    private const int MaxFieldNameLength = 200;

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = MaxFields,
        KeyLengthLimit = MaxFieldNameLength,
        ValueLengthLimit = MaxFormBytes,
        MultipartBodyLengthLimit = MaxFormBytes,
        BufferBody = false,
    };

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        if (!IsBrowserFormPost(context))
        {
            await next(context);
            return;
        }

        if (await CheckFormAsync(context) is { } refusal)
        {
            refusal.Apply(context, logger);
            return;
        }

        await next(context);
    }

    private static bool IsBrowserFormPost(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
        && !HttpMethods.IsOptions(context.Request.Method) && !HttpMethods.IsTrace(context.Request.Method)
        && !BadRequests.IsErrorPage(context)
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
}
