using System.Net;
using System.Text.Json;
using AveroPortal.Blazor.DevBrokers.Idin;
using AveroPortal.Core.Idin;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Tests.Idin;

// The broker in a host: malformed posts, when it is mapped, its demo identities against the seed, ASP.NET Core's own OIDC handler.
public sealed partial class IdinTestBrokerTests
{
    public static TheoryData<string> MalformedKinds => MalformedForms.Kinds;

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedAuthorizePostGetsADutchPageAndALogLine(string kind)
    {
        var log = new CapturedLog();
        await using var app = await StartAsync("Development", register: true, _clock, builder => builder.Logging.AddProvider(log));

        var response = await app.GetTestClient().PostAsync(IdinTestBroker.BasePath + "/authorize", MalformedForms.Body(kind, "handle"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", page, StringComparison.Ordinal);
        Assert.Contains("verzoek geweigerd", page, StringComparison.Ordinal);
        Assert.Contains(log.Warnings, w => w.StartsWith("iDIN test broker refused an authorize post", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedTokenRequestGetsInvalidRequestJsonAndALogLine(string kind)
    {
        var log = new CapturedLog();
        await using var app = await StartAsync("Development", register: true, _clock, builder => builder.Logging.AddProvider(log));

        var response = await app.GetTestClient().PostAsync(IdinTestBroker.BasePath + "/token", MalformedForms.Body(kind, "grant_type"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Contains(log.Warnings, w => w.StartsWith("iDIN test broker refused a token request", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    public async Task TheBrokerIsOnlyMappedWhenRegisteredInDevelopment(string environment, bool register)
    {
        await using var app = await StartAsync(environment, register, _clock);

        var response = await app.GetTestClient().GetAsync("/dev/idin-broker/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Jan de Vries: gegevens kloppen", IdinMatchKind.FullMatch, "100001", new IdinField[0])]
    [InlineData("Anna van den Berg: verhuisd, adres wijkt af", IdinMatchKind.Partial, "100002", new[] { IdinField.Postcode, IdinField.HouseNumber, IdinField.HouseNumberSuffix })]
    [InlineData("Pieter Smit: geboortedatum wijkt af", IdinMatchKind.Partial, "100003", new[] { IdinField.DateOfBirth })]
    [InlineData("Klaas Postma: onbekend bij Avéro", IdinMatchKind.NoMatch, null, new IdinField[0])]
    public async Task EachDemoIdentityMeetsTheSeededCustomersAsItsLabelSays(string label, IdinMatchKind kind, string? customerNumber, IdinField[] differences)
    {
        using var database = await TestDatabase.CreateAsync();
        await database.Seeder.SeedAsync();
        var customers = new List<AveroPortal.Core.Customers.Customer>();
        for (var id = 1; await database.Customers.GetCustomerAsync(id) is { } customer; id++)
        {
            customers.Add(customer);
        }

        var result = IdinMatching.Match(IdinTestBroker.Identities.Single(i => i.Label == label).Person, customers);

        Assert.Equal(3, customers.Count);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(customerNumber, result.Customer?.CustomerNumber);
        Assert.Equal(differences, result.Differences);
    }

    [Fact]
    public async Task AspNetCoresOpenIdConnectHandlerSignsInThroughTheBroker()
    {
        await using var app = await StartAsync("Development", register: true, TimeProvider.System, builder =>
        {
            builder.Services.AddAuthentication(o => (o.DefaultScheme, o.DefaultChallengeScheme) = ("cookie", "oidc"))
                .AddCookie("cookie")
                .AddOpenIdConnect("oidc", o =>
                {
                    (o.Authority, o.ClientId, o.ClientSecret, o.CallbackPath) = (Authority, ClientId, Secret, "/idin/callback");
                    (o.ResponseType, o.ResponseMode, o.UsePkce, o.RequireHttpsMetadata) = ("code", "query", true, false);
                    o.MapInboundClaims = false;
                    o.GetClaimsFromUserInfoEndpoint = true;
                    o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                });
            builder.Services.AddOptions<OpenIdConnectOptions>("oidc")
                .Configure<IServer>((o, server) => o.BackchannelHttpHandler = ((TestServer)server).CreateHandler());
        }, app =>
        {
            app.UseAuthentication();
            app.MapGet("/wie", (HttpContext http) => http.User.FindFirst("idp_id") is { } bin ? Results.Text(bin.Value) : Results.Challenge());
        });
        using var browser = new HttpClient(new CookieContainerHandler { InnerHandler = app.GetTestServer().CreateHandler() }) { BaseAddress = new Uri("http://localhost/") };

        var authorize = (await browser.GetAsync("/wie")).Target();
        Assert.StartsWith(Authority + "/authorize?", authorize.ToString(), StringComparison.Ordinal);
        var handle = Handle(await (await browser.GetAsync(authorize)).TextAsync());
        var callback = (await browser.PostAsync("/dev/idin-broker/authorize", new FormUrlEncodedContent(new Dictionary<string, string> { ["handle"] = handle, ["identity"] = JanBin }))).Target();
        var back = await browser.GetAsync(callback);
        Assert.Equal("/wie", back.Headers.Location?.OriginalString);

        Assert.Equal(JanBin, await browser.GetStringAsync("/wie"));
    }
}
