using System.Net.Http.Headers;
using System.Text;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// The malformed bodies that made the protocol endpoints answer 500 (InvalidDataException, IOException): each is
/// named for what it is and carries the given field as one of its fields, where it has fields at all.
/// </summary>
internal static class MalformedForms
{
    public static TheoryData<string> Kinds => new()
    {
        "NUL in a value", "1,025 fields", "one field 1,100 times", "100 kB field name", "broken multipart", "JSON body", "invalid UTF-8",
    };

    public static HttpContent Body(string kind, string field)
    {
        switch (kind)
        {
            case "NUL in a value":
                return Form($"{field}=abc%00def");
            case "1,025 fields":
                return Form(string.Join('&', Enumerable.Range(0, 1025).Select(i => $"f{i}=1")) + $"&{field}=x");
            case "one field 1,100 times":
                return Form(string.Join('&', Enumerable.Repeat($"{field}=x", 1100)));
            case "100 kB field name":
                return Form(new string('n', 100 * 1024) + "=1&" + field + "=x");
            case "broken multipart":
                var multipart = new ByteArrayContent(Encoding.ASCII.GetBytes($"--grens\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\nabc\r\n--gre"));
                multipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=grens");
                return multipart;
            case "JSON body":
                return new StringContent($"{{\"{field}\":\"x\"}}", Encoding.UTF8, "application/json");
            case "invalid UTF-8":
                var bytes = Encoding.ASCII.GetBytes(field + "=").Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE }).ToArray();
                var invalid = new ByteArrayContent(bytes);
                invalid.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
                return invalid;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown malformed body.");
        }
    }

    private static ByteArrayContent Form(string body)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        return content;
    }
}
