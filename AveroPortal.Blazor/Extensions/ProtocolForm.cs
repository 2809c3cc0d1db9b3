using Microsoft.AspNetCore.Http.Features;

namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// Reads the application/x-www-form-urlencoded body of a protocol endpoint (SAML ACS, the Development test brokers)
/// within tight limits. Whatever the body is (multipart, JSON, broken, too many or too long fields, control
/// characters) the answer is a form or a reason, never an exception: the caller answers in its protocol's own way.
/// </summary>
internal static class ProtocolForm
{
    public const int MaxFields = 32;

    public static async Task<ProtocolFormResult> ReadAsync(HttpRequest request, long maxBodyBytes)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return new(null, $"body of {request.ContentLength} bytes exceeds the limit of {maxBodyBytes}");
        }

        // The SAML POST binding and OAuth token requests are url-encoded forms; a multipart parser is not worth its risks here.
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return new(null, $"content type '{ForLog(request.ContentType)}' instead of application/x-www-form-urlencoded");
        }

        // A chunked body has no Content-Length to check up front; the server then stops it at the same limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBodyBytes;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                ValueCountLimit = MaxFields,
                KeyLengthLimit = 64,
                ValueLengthLimit = (int)maxBodyBytes,
                BufferBodyLengthLimit = maxBodyBytes,
            });
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or OperationCanceledException)
        {
            // InvalidDataException: a limit (field count, key or value length); IOException/BadHttpRequestException: a broken or cut-off body.
            return new(null, $"unreadable form ({e.GetType().Name}: {ForLog(e.Message)})");
        }

        foreach (var (key, values) in form)
        {
            if (HasControlCharacter(key) || values.Any(v => v is not null && HasControlCharacter(v)))
            {
                return new(null, $"control character in form field '{ForLog(key)}'");
            }

            // The form reader replaces invalid UTF-8 with U+FFFD instead of failing; a protocol message never needs it.
            if (key.Contains('\uFFFD') || values.Any(v => v is not null && v.Contains('\uFFFD')))
            {
                return new(null, $"invalid UTF-8 in form field '{ForLog(key)}'");
            }
        }

        return new(form, null);
    }

    /// <summary>Control characters other than the line breaks and tabs that base64 and pretty-printed XML may carry.</summary>
    public static bool HasControlCharacter(string value) => value.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));

    /// <summary>
    /// Attacker-supplied text for a log line, the one home for it (protocol endpoints and the bad-request pages): one
    /// line, no control characters, bounded length.
    /// </summary>
    public static string ForLog(string? value, int max = 120)
    {
        if (value is null)
        {
            return "(none)";
        }

        var cleaned = new string(value.Take(max).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > max ? cleaned + "..." : cleaned;
    }
}
