using System.Net.Http.Headers;
using System.Text;

namespace AveroPortal.Tests.Errors;

// The malformed input: hostile query strings and cookies, broken form bodies.
public sealed partial class MalformedInputSweepTests
{
    private const string HostileQuery = "?ReturnUrl=%3Cx-avero-probe%3E&terug=%2F%2Fevil.example%2F%3Cx-avero-probe%3E&reden=%3Cx-avero-probe%3E"
        + "&melding=%3Cx-avero-probe%3E&token=%3Cx-avero-probe%3E&id=%00%3Cx-avero-probe%3E&uitgelogd=%FF%FE&verlopen=1&verlopen=2"
        + "&SAMLart=%3Cx-avero-probe%3E&RelayState=%3Cx-avero-probe%3E&code=%3Cx-avero-probe%3E&state=%3Cx-avero-probe%3E"
        + "&error=%3Cx-avero-probe%3E&%3Cx-avero-probe%3E=1";

    private const string GarbageCookies = ".AspNetCore.Culture=c%3Dxx-%00%7Cuic%3D%3Cx-avero-probe%3E; Avero.Sessie=CfDJ8garbage; "
        + ".AspNetCore.Antiforgery.abcdefghijk=CfDJ8-not-a-token; Avero.Inloggen=%3Cx-avero-probe%3E; Avero.iDIN.Bank=%3Cx-avero-probe%3E; "
        + "Avero.eHerkenning=%3Cx-avero-probe%3E";

    private static HttpRequestMessage Post(string path, Body body)
    {
        var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = body.ContentType is null ? null : MediaTypeHeaderValue.Parse(body.ContentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static ByteArrayContent Form(string text)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(FormType);
        return content;
    }

    private static Body HostileValues(string handler, string token)
    {
        var probe = Uri.EscapeDataString(Probe);
        var fields = new[] { "Model.Email", "Model.Password", "Model.Code", "Model.CurrentPassword", "Model.NewPassword", "Model.Repeat", "Start.Code", "Confirm.Code", "bank", "returnUrl", "start" };
        return new Body("hostile values", FormType, Encoding.ASCII.GetBytes(
            $"_handler={Uri.EscapeDataString(handler)}&__RequestVerificationToken={Uri.EscapeDataString(token)}" + string.Concat(fields.Select(f => $"&{f}={probe}"))));
    }

    /// <summary>Form bodies broken in each way; where the format allows, they carry the form name and a valid token.</summary>
    private static IEnumerable<Body> Bodies(string handler, string token)
    {
        var probe = Uri.EscapeDataString(Probe);
        var form = $"_handler={Uri.EscapeDataString(handler)}&__RequestVerificationToken={Uri.EscapeDataString(token)}";
        Body Text(string kind, string? type, string text) => new(kind, type, Encoding.UTF8.GetBytes(text));
        string Part(string name, string value) => $"--XYZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

        yield return Text("NUL", FormType, form + "&Model.Email=a%00" + probe);
        yield return new Body("raw NUL byte", FormType, [.. Encoding.ASCII.GetBytes(form + "&Model.Email=a"), 0, .. Encoding.ASCII.GetBytes(probe)]);
        yield return Text("control characters", FormType, form + "&Model.Email=" + Uri.EscapeDataString("\u0001\u001b[31m\u007f") + probe + "&x%01y=" + probe);
        yield return Text("1,100 fields", FormType, form + string.Concat(Enumerable.Range(0, 1100).Select(i => $"&f{i}={probe}")));
        yield return Text("one field 1,100 times", FormType, form + string.Concat(Enumerable.Repeat("&Model.Email=" + probe, 1100)));
        yield return Text("100 kB field name", FormType, form + "&" + new string('n', 100_000) + "=" + probe);
        yield return Text("broken multipart", "multipart/form-data; boundary=XYZ", Part("_handler", handler) + Part("__RequestVerificationToken", token) + "--XYZ\r\nContent-Disposition: form-data; name=\"Model.Email\"\r\n\r\n" + Probe);
        yield return Text("multipart without boundary", "multipart/form-data", Part("_handler", handler) + "--XYZ--\r\n");
        yield return Text("multipart with a file", "multipart/form-data; boundary=XYZ",
            Part("_handler", handler) + Part("__RequestVerificationToken", token) + "--XYZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.html\"\r\n\r\n" + Probe + "\r\n--XYZ--\r\n");
        yield return Text("empty body", FormType, "");
        yield return Text("empty body without content type", null, "");
        yield return Text("1 MB body", FormType, form + "&Model.Email=" + probe + new string('a', 1024 * 1024));
        yield return Text("invalid UTF-8", FormType, form + "&Model.Email=%C3%28%FF" + probe);
        yield return new Body("raw invalid UTF-8", FormType, [.. Encoding.ASCII.GetBytes(form + "&Model.Email="), 0xC3, 0x28, 0xFF, .. Encoding.ASCII.GetBytes(probe)]);
        yield return Text("broken percent escape", FormType, form + "&Model.Email=%4" + probe + "%");
        yield return Text("text/plain", "text/plain", form + "&Model.Email=" + Probe);
        yield return Text("XML", "application/xml", "<?xml version=\"1.0\"?>" + Probe);
        yield return Text("JSON", "application/json", $"{{\"_handler\":\"{handler}\",\"__RequestVerificationToken\":\"{token}\",\"Model.Email\":\"{Probe}\"}}");
        yield return Text("unknown content type", "application/x-avero", form);
        yield return Text("duplicate token", FormType, form + $"&__RequestVerificationToken={Uri.EscapeDataString(token)}&Model.Email=" + probe);
        yield return Text("second, different token", FormType, form + "&__RequestVerificationToken=CfDJ8" + probe + "&Model.Email=" + probe);
        yield return Text("missing token", FormType, $"_handler={Uri.EscapeDataString(handler)}&Model.Email=" + probe);
    }
}
