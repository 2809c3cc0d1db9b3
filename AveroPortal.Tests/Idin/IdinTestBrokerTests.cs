using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AveroPortal.Blazor.DevBrokers.Idin;
using AveroPortal.Core.Idin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Idin;

/// <summary>The Development-only iDIN broker on its own: a bare web host with nothing but the broker mapped.</summary>
public sealed partial class IdinTestBrokerTests : IAsyncLifetime
{
    private const string Authority = "http://localhost/dev/idin-broker";
    private const string Callback = "http://localhost/idin/callback";
    private const string ClientId = "avero-portal-test";
    private const string Secret = "test-geheim-0123456789";
    private const string State = "toestand-42";
    private const string Nonce = "nonce-7";
    private const string JanBin = "TESTBIN-JAN-DE-VRIES";

    private static readonly string Verifier = Base64Url(RandomNumberGenerator.GetBytes(32));

    private readonly ManualClock _clock = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    /// <summary>Claim names differ from the defaults for BIN and last name, as with Signicat, so tests see they are used.</summary>
    internal static IdinOptions Options() => new()
    {
        Broker = "testmakelaar",
        Authority = Authority,
        ClientId = ClientId,
        ClientSecret = Secret,
        BankParameter = "login_hint",
        BankParameterFormat = "idin_bank:{0}",
        Banks = [new("INGBNL2A", "ING"), new("RABONL2U", "Rabobank")],
        Claims = new IdinClaimNames { Bin = "idp_id", LegalLastName = "idin_legal_last_name" },
    };

    public async Task InitializeAsync()
    {
        _app = await StartAsync("Development", register: true, _clock);
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    internal static async Task<WebApplication> StartAsync(string environment, bool register, TimeProvider clock,
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(Options());
        if (register)
        {
            builder.Services.AddIdinTestBroker();
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        map?.Invoke(app);
        app.MapIdinTestBroker();
        await app.StartAsync();
        return app;
    }

    private static Dictionary<string, string?> AuthorizeParameters() => new()
    {
        ["client_id"] = ClientId,
        ["redirect_uri"] = Callback,
        ["response_type"] = "code",
        ["scope"] = "openid",
        ["state"] = State,
        ["nonce"] = Nonce,
        ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
        ["code_challenge_method"] = "S256",
    };

    private async Task<Uri> ChooseAsync(string bin, bool cancel = false)
    {
        var page = await _client.GetAsync(QueryHelpers.AddQueryString("/dev/idin-broker/authorize", AuthorizeParameters()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (await AnswerAsync(Handle(await page.TextAsync()), bin, cancel)).Target();
    }

    private Task<HttpResponseMessage> AnswerAsync(string handle, string bin, bool cancel = false)
    {
        var fields = new Dictionary<string, string> { ["handle"] = handle, ["identity"] = bin };
        fields[cancel ? "cancel" : "confirm"] = "1";
        return _client.PostAsync("/dev/idin-broker/authorize", new FormUrlEncodedContent(fields));
    }

    private async Task<string> CodeAsync() => (await ChooseAsync(JanBin)).QueryValue("code")!;

    private async Task<HttpResponseMessage> RedeemAsync(string code, string? verifier = null, string redirectUri = Callback, string secret = Secret, bool basic = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier ?? Verifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/idin-broker/token");
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(secret))));
        }
        else
        {
            fields["client_id"] = ClientId;
            fields["client_secret"] = secret;
        }

        request.Content = new FormUrlEncodedContent(fields);
        return await _client.SendAsync(request);
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.False(body.RootElement.TryGetProperty("id_token", out _));
    }

    private static string[] Strings(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    private static string Handle(string html) =>
        HandlePattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No handle on the page.");

    /// <summary>Written out here rather than borrowed from the broker, so a mistake there can not cancel out.</summary>
    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"handle\" value=\"([^\"]+)\"")]
    private static partial Regex HandlePattern();
}
