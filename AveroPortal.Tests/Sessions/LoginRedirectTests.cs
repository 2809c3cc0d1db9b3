using System.Net;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using AveroPortal.Blazor.Features.Passkeys;
using AveroPortal.Blazor.Sessions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace AveroPortal.Tests.Sessions;

/// <summary>
/// The redirect to the login for a request without a session, and the address its ReturnUrl brings the visitor back
/// to after logging in.
/// </summary>
public sealed class LoginRedirectTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Every address that takes only POST and needs a session (the colleague actions, the passkey registration, any added later).</summary>
    [Fact]
    public async Task PostWithoutSessionReturnsToAPageNotToThePostEndpoint()
    {
        var paths = factory.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is [var method] && HttpMethods.IsPost(method))
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => "/" + string.Join('/', e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part =>
                part is RoutePatternLiteralPart literal ? literal.Content : "1")))))
            .ToList();
        // The sweep must see the colleague actions and the passkey registration, or it proves nothing.
        Assert.Contains("/collegas/1/intrekken", paths);
        Assert.Contains(PasskeyEndpoints.RegistrationPath, paths);

        foreach (var path in paths)
        {
            var client = FormClient.For(factory);
            var login = (await client.Http.PostAsync(path, Form())).Target();

            Assert.Equal(path.StartsWith("/support", StringComparison.Ordinal) ? "/support/inloggen" : "/inloggen", login.AbsolutePath);
            if (login.QueryValue("ReturnUrl") is { } back)
            {
                // A page at or above the post's address, which a GET opens (for a visitor without a session: the login again).
                Assert.True(path == back || path.StartsWith(back + "/", StringComparison.Ordinal), $"{path} sends the login back to {back}");
                var page = await client.Http.GetAsync(back);
                Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path} sends the login back to {back}, which answers {page.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task PostWithoutSessionReturnsToTheNearestPageAboveWhichOpensAfterLogin()
    {
        var account = await factory.CreateAccountAsync(Portals.Business);
        var client = FormClient.For(factory);

        var login = (await client.Http.PostAsync($"/collegas/{account.Id}/intrekken", Form())).Target();

        Assert.Equal("/inloggen", login.AbsolutePath);
        Assert.Equal("/collegas", login.QueryValue("ReturnUrl"));
        var landing = await LoginAsync(client, account, login.QueryValue("ReturnUrl"));
        Assert.Equal("/collegas", landing.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(landing)).StatusCode);
    }

    [Fact]
    public async Task PostWithoutSessionAndNoPageAboveLandsOnTheHomeAfterLogin()
    {
        var account = await factory.CreateAccountAsync(Portals.Business);
        var request = new DefaultHttpContext().Request;
        request.Method = HttpMethods.Post;
        request.Path = "/onbekend/actie";

        Assert.Null(factory.Get<ReturnPages>().ReturnUrlOf(request));
        var landing = await LoginAsync(FormClient.For(factory), account, null);
        Assert.Equal("/mijn-overzicht", landing.PathAndQuery);
    }

    [Theory]
    [InlineData("https://evil.example/elders")]
    [InlineData("http://localhost/instellingen")]
    [InlineData("geen adres")]
    public async Task PostWithoutSessionIgnoresTheReferrer(string referrer)
    {
        var post = new HttpRequestMessage(HttpMethod.Post, "/collegas/uitnodigen") { Content = Form() };
        post.Headers.TryAddWithoutValidation("Referer", referrer);

        var login = (await FormClient.For(factory).Http.SendAsync(post)).Target();

        Assert.Equal("/inloggen", login.AbsolutePath);
        Assert.Equal("/collegas", login.QueryValue("ReturnUrl"));
    }

    [Fact]
    public void AFormPostToAPageItselfReturnsToThatPage()
    {
        var request = new DefaultHttpContext().Request;
        request.Method = HttpMethods.Post;
        request.Path = "/collegas";

        Assert.Equal("/collegas", factory.Get<ReturnPages>().ReturnUrlOf(request));
    }

    [Fact]
    public async Task GetWithoutSessionStillReturnsToTheAskedPage()
    {
        var login = (await FormClient.For(factory).Http.GetAsync("/collegas?tab=2")).Target();

        Assert.Equal("/inloggen", login.AbsolutePath);
        Assert.Equal("/collegas?tab=2", login.QueryValue("ReturnUrl"));
    }

    private static FormUrlEncodedContent Form() => new(new Dictionary<string, string> { ["email"] = "iemand@example.com", ["name"] = "Iemand" });

    private static async Task<Uri> LoginAsync(FormClient client, TestAccount account, string? returnUrl)
    {
        var path = returnUrl is null ? account.LoginPath : account.LoginPath + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var password = await client.PostFormAsync(path, "password",
            new Dictionary<string, string> { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        Assert.Equal("/inloggen/code", password.Target().AbsolutePath);
        return (await client.PostCodeAsync(account.Code())).Target();
    }
}
