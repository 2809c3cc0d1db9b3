using AveroPortal.Blazor.Extensions;
using AveroPortal.Core.EHerkenning;
using Microsoft.AspNetCore.Mvc;

namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

internal static class TestBrokerEndpoints
{
    /// <summary>Only mapped when the test broker is configured, which start-up allows in Development only.</summary>
    public static void MapTestBroker(this WebApplication app)
    {
        if (app.Services.GetService<TestBroker>() is not { } broker || !app.Environment.IsDevelopment())
        {
            return;
        }

        // The AuthnRequest arrives as a cross-site form post from the portal's own page, without an anti-forgery token.
        app.MapPost("/testmakelaar/sso", async (HttpContext http, ILogger<TestBroker> logger) =>
        {
            var posted = await ProtocolForm.ReadAsync(http.Request, 1024 * 1024);
            string? samlRequest = null, relayState = null, fieldProblem = null;
            if (!posted.Refused)
            {
                samlRequest = posted.One("SAMLRequest", out var requestProblem);
                relayState = posted.One("RelayState", out var relayProblem);
                fieldProblem = requestProblem ?? relayProblem;
            }

            if ((posted.Problem ?? fieldProblem) is { } problem)
            {
                logger.LogWarning("Test broker refused an AuthnRequest post: {Reason}", problem);
                return Refused("het verzoek is geen leesbaar formulier");
            }

            var handle = broker.Receive(samlRequest, relayState, out var refusal);
            if (handle is null)
            {
                logger.LogWarning("Test broker refused an AuthnRequest: {Reason}", refusal);
                return Refused(refusal);
            }

            return Results.Redirect("/testmakelaar/kies?id=" + handle);
        }).DisableAntiforgery();

        // The broker's metadata, signed with its metadata key: what a portal pins and checks.
        app.MapGet("/testmakelaar/metadata", () =>
            Results.Content(broker.SignedMetadata(DateTimeOffset.UtcNow), "application/samlmetadata+xml; charset=utf-8"));

        app.MapPost("/testmakelaar/kies", ([FromForm] string? id, [FromForm] string? kvk, [FromForm] string? level, [FromForm] string? acting, [FromForm] string? action) =>
        {
            var url = broker.Answer(id, kvk, level, acting, cancelled: action == "cancel");
            return url is null ? Results.Redirect("/inloggen/eherkenning/mislukt?reden=fout") : Results.Redirect(url);
        });

        // The back channel: a SOAP ArtifactResolve from the portal. Anything that is not one (too big, not XML, unsigned,
        // an unknown artifact) gets an empty 400 (the Dutch 400 page) and a log line, never an exception.
        app.MapPost("/testmakelaar/ars", async (HttpContext http, ILogger<TestBroker> logger) =>
        {
            const int maxBytes = 1024 * 1024;
            string? answer = null;
            string problem;
            if (http.Request.ContentLength > maxBytes)
            {
                problem = $"body of {http.Request.ContentLength} bytes";
            }
            else
            {
                try
                {
                    using var reader = new StreamReader(http.Request.Body);
                    var buffer = new char[maxBytes + 1];
                    var length = await reader.ReadBlockAsync(buffer, http.RequestAborted);
                    answer = length <= maxBytes ? broker.Resolve(new string(buffer, 0, length)) : null;
                    problem = length > maxBytes ? "body over 1 MB" : "not a signed ArtifactResolve for an issued artifact";
                }
                catch (Exception e) when (e is SamlRejection or System.Xml.XmlException or System.Security.Cryptography.CryptographicException or IOException or BadHttpRequestException)
                {
                    problem = $"unreadable ({e.GetType().Name}: {ProtocolForm.ForLog(e.Message)})";
                }
            }

            if (answer is null)
            {
                logger.LogWarning("Test broker refused an artifact resolution: {Reason}", problem);
                return Results.BadRequest();
            }

            return Results.Content(answer, "text/xml; charset=utf-8");
        }).DisableAntiforgery();
    }

    private static IResult Refused(string problem) =>
        Results.Content($"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Testmakelaar</title></head><body><h1>Testmakelaar</h1><p>Verzoek geweigerd: {System.Net.WebUtility.HtmlEncode(problem)}.</p></body></html>",
            "text/html; charset=utf-8", statusCode: 400);
}
