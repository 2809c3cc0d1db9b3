using System.Net;
using AveroPortal.Core.Data;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace AveroPortal.Tests.ScaleOut;

/// <summary>
/// The single-use pending login over HTTP on PostgreSQL, with two portal instances on one database: the record lives
/// in the shared database, so a copy of the cookie is worth nothing at the other instance either.
/// </summary>
public sealed class PendingLoginScaleOutTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private PortalFactory _a = default!;
    private PortalFactory _b = default!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        PortalFactory Instance(string name) => new()
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:Database:Provider"] = "PostgreSql",
                ["Avero:Database:ConnectionString"] = connectionString,
                ["Avero:InstanceName"] = name,
            },
        };

        _a = Instance("a");
        _b = Instance("b");
        // One after the other: the first creates the Data Protection key ring in the database, the second reads it.
        _a.CreateClient().Dispose();
        _b.CreateClient().Dispose();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    /// <summary>The cookies a browser holds after the password step at instance a, as one Cookie header, and the form token.</summary>
    private async Task<(string Cookies, string Token)> PasswordStepAtAAsync(TestAccount account)
    {
        var jar = new CookieContainer();
        var client = new FormClient(_a.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)));
        var password = await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/code"));
        var cookies = jar.GetCookieHeader(new Uri("http://localhost"));
        Assert.Contains(Responses.PendingCookie + "=", cookies, StringComparison.Ordinal);
        return (cookies, token);
    }

    private async Task<long> SessionCountAsync(long accountId)
    {
        await using var connection = await _a.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sessions WHERE account_id = @AccountId", new { AccountId = accountId });
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(PortalFactory instance, string cookies, string token, string code)
    {
        using var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/inloggen/code")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "code",
                ["Model.Code"] = code,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ParallelCodePostsAtBothInstancesStartExactlyOneSession()
    {
        var account = await _a.CreateAccountAsync();
        var (cookies, token) = await PasswordStepAtAAsync(account);
        var codes = new[] { account.Code(), account.Code(1) };
        var n = 0;

        // Four: every attempt counts on the lockout before it is checked, and five failures would lock the account.
        var responses = await AllAtOnce.RunAsync(4, () =>
        {
            var i = Interlocked.Increment(ref n);
            return PostCodeAsync(i % 2 == 0 ? _a : _b, cookies, token, codes[(i / 2) % 2]);
        });

        Assert.Single(responses, r => r.SetsCookie(Responses.SessionCookie) is not null);
        Assert.Equal(1, await SessionCountAsync(account.Id));
    }

    [Fact]
    public async Task PendingLoginCookieUsedAtOneInstanceSignsInNoMoreAtTheOther()
    {
        var account = await _a.CreateAccountAsync();
        var (cookies, token) = await PasswordStepAtAAsync(account);

        var first = await PostCodeAsync(_a, cookies, token, account.Code());
        var replayed = await PostCodeAsync(_b, cookies, token, account.Code(1));

        Assert.Equal("/mijn-overzicht", first.Target().AbsolutePath);
        Assert.Equal("/inloggen/particulier", replayed.Target().AbsolutePath);
        Assert.Equal("1", replayed.Target().QueryValue("verlopen"));
        Assert.Null(replayed.SetsCookie(Responses.SessionCookie));
        Assert.Equal(1, await SessionCountAsync(account.Id));
    }
}
