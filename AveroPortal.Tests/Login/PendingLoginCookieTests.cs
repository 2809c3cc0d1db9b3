using System.Net;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Tests.Login;

/// <summary>
/// The "password accepted" cookie over HTTP (issue 11, point 1): it points to a server-side record that the code step
/// or the enrollment uses up, so a saved copy signs no one in, before or after a log-out.
/// </summary>
public sealed partial class PendingLoginCookieTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ExpiredMessage = "Deze inlogpoging is verlopen, al gebruikt of beëindigd";

    /// <summary>A fresh browser that holds nothing but the given cookies (and what the portal sets from then on).</summary>
    private FormClient FreshBrowserWith(params SetCookieHeaderValue[] cookies)
    {
        var jar = new CookieContainer();
        foreach (var cookie in cookies)
        {
            jar.Add(new Uri("http://localhost"), new Cookie(cookie.Name.ToString(), cookie.Value.ToString()));
        }

        return new FormClient(factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)));
    }

    private static async Task<SetCookieHeaderValue> PasswordStepAsync(FormClient client, TestAccount account)
    {
        var password = await client.PostFormAsync(account.LoginPath, "password",
            new Dictionary<string, string> { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        return password.SetsCookie(Responses.PendingCookie) ?? throw new InvalidOperationException("No pending cookie.");
    }

    private static async Task LogoutAsync(FormClient client)
    {
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/mijn-overzicht"));
        var logout = await client.Http.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/", logout.Target().AbsolutePath);
    }

    /// <summary>
    /// Posts a code with whatever pending cookie the browser holds. The code page itself sends a browser without an
    /// open pending login away, so the anti-forgery token comes from the password page, as an attacker would take it.
    /// </summary>
    private static async Task<HttpResponseMessage> PostCodeWithoutTheCodePageAsync(FormClient client, string code)
    {
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/particulier"));
        return await client.Http.PostAsync("/inloggen/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "code",
            ["Model.Code"] = code,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private async Task<long> PendingRowsAsync(long accountId)
    {
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pending_logins WHERE account_id = @AccountId", new { AccountId = accountId });
    }

    private async Task<byte[]> SecretOfAsync(long accountId)
    {
        var binding = (await factory.Get<AuthenticatorRepository>().GetAsync(accountId))!;
        return factory.Get<AuthenticatorSecrets>().Unprotect(binding.SecretProtected);
    }
}
