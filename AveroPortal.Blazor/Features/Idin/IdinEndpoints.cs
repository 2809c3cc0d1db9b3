using System.Security.Claims;
using AveroPortal.Blazor.Features.Rebinding;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace AveroPortal.Blazor.Features.Idin;

internal static class IdinEndpoints
{
    /// <summary>Remembers the last bank chosen (a BIC, nothing personal), so the next login is one click.</summary>
    public const string BankCookie = "Avero.iDIN.Bank";

    public static void MapIdinEndpoints(this WebApplication app)
    {
        if (app.Services.GetService<IdinOptions>() is not { } options)
        {
            return;
        }

        // [FromForm] makes the endpoint check the anti-forgery token of the bank-choice form.
        app.MapPost("/idin/start", StartAsync);

        app.MapGet("/idin/verder", ContinueAsync);

        app.MapGet(RebindPaths.Continue, RebindEndpoints.ContinueAsync);

        app.MapPost("/idin/opnieuw", async (HttpContext http, [FromForm] string? again) =>
        {
            // Forget the bank's answer before a new attempt: nothing of it stays behind, in this browser or on the server.
            await EndExternalAsync(http);
            return Results.Redirect("/inloggen/idin");
        });
    }

    private static async Task<IResult> StartAsync(HttpContext http, IdinOptions options, ILogger<IdinOptions> logger, [FromForm] string? bank,
        [FromForm] string? purpose)
    {
        var rebind = purpose == IdinSetup.RebindPurpose;
        if (rebind && !await RebindEndpoints.MayStartAsync(http))
        {
            // No open password step of an account this route is for: the start page restarts or explains.
            return Results.Redirect(RebindPaths.Start);
        }

        if (options.Banks.FirstOrDefault(b => b.Id == bank) is not { } chosen)
        {
            return Results.Redirect(rebind ? RebindPaths.Start + "?melding=kies-bank" : "/inloggen/idin?melding=kies-bank");
        }

        var properties = new AuthenticationProperties { RedirectUri = rebind ? RebindPaths.Continue : "/idin/verder" };
        properties.Items[IdinSetup.BankItem] = chosen.Id;
        if (rebind)
        {
            properties.Items[IdinSetup.PurposeItem] = IdinSetup.RebindPurpose;
        }

        try
        {
            // The handler fetches the broker's metadata and may push the request (PAR) first; when the broker is
            // down or refuses, the customer gets the failure page, not an error.
            await http.ChallengeAsync(IdinSetup.BrokerScheme, properties);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException
            or Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectProtocolException or IOException)
        {
            logger.LogError(e, "iDIN-makelaar niet bereikbaar of weigert het verzoek");
            return Results.Redirect(rebind ? RebindPaths.Cancelled : "/inloggen/idin/mislukt");
        }

        http.Response.Cookies.Append(BankCookie, chosen.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        return Results.Empty;
    }

    /// <summary>After the broker: match the confirmed identity and start the portal session, or explain why not.</summary>
    private static async Task<IResult> ContinueAsync(HttpContext http, IdinLogin login, IdinOptions options, PendingLoginRepository pending)
    {
        if (await ReadAsync(http, options) is not (var bank, var pendingId))
        {
            // No answer, or one that was used up or ended already (a replayed cookie): the bank choice, with a reason.
            var replayed = (await http.AuthenticateAsync(IdinSetup.ExternalScheme)).Succeeded;
            await EndExternalAsync(http);
            return Results.Redirect(replayed ? "/inloggen/idin?melding=verlopen" : "/inloggen/idin");
        }

        var result = await login.CompleteAsync(bank, SessionCookie.ClientOf(http));
        switch (result.Outcome)
        {
            case IdinOutcome.SignedIn:
                // The condition is in the DELETE: of two parallel requests with this cookie only one signs in.
                var won = await pending.TryConsumeWithoutAccountAsync(pendingId, PendingPurposes.Idin);
                await http.SignOutAsync(IdinSetup.ExternalScheme);
                if (!won)
                {
                    return Results.Redirect("/inloggen/idin?melding=verlopen");
                }

                await SessionCookie.SignInIdinAsync(http, result.Identity!, result.Customer!);
                return Results.Redirect("/mijn-overzicht");
            case IdinOutcome.Mismatch:
                // The bank's answer stays in the encrypted five-minute cookie so the next page can show it; not on the server.
                return Results.Redirect("/inloggen/idin/controle");
            default:
                await EndExternalAsync(http);
                return Results.Redirect("/inloggen/idin/onbekend");
        }
    }

    /// <summary>
    /// The bank identity in the external cookie, or null when there is none, it has no BIN, or its server-side record
    /// is gone (used by a sign-in, ended, expired).
    /// </summary>
    public static async Task<IdinBankIdentity?> ReadBankIdentityAsync(HttpContext http, IdinOptions options) =>
        await ReadAsync(http, options) is (var bank, _) ? bank : null;

    /// <param name="rebind">True to read only an answer asked for a re-binding, false for any answer.</param>
    internal static async Task<(IdinBankIdentity Bank, string PendingId)?> ReadAsync(HttpContext http, IdinOptions options, bool rebind = false)
    {
        var external = await http.AuthenticateAsync(IdinSetup.ExternalScheme);
        if (!external.Succeeded || external.Principal.FindFirst(IdinSetup.PendingClaim)?.Value is not { } pendingId
            || FromClaims(external.Principal, options.Claims) is not { } bank || (rebind && !IdinSetup.IsRebind(external.Properties)))
        {
            return null;
        }

        var pending = http.RequestServices.GetRequiredService<PendingLoginRepository>();
        return await pending.IsOpenWithoutAccountAsync(pendingId, PendingPurposes.Idin) ? (bank, pendingId) : null;
    }

    /// <summary>Forgets the bank's answer in this browser and ends its server-side record.</summary>
    internal static async Task EndExternalAsync(HttpContext http)
    {
        var external = await http.AuthenticateAsync(IdinSetup.ExternalScheme);
        if (external.Succeeded && external.Principal.FindFirst(IdinSetup.PendingClaim)?.Value is { } pendingId)
        {
            await http.RequestServices.GetRequiredService<PendingLoginRepository>().EndAsync(pendingId);
        }

        await http.SignOutAsync(IdinSetup.ExternalScheme);
    }

    public static IdinBankIdentity? FromClaims(ClaimsPrincipal principal, IdinClaimNames names)
    {
        string? Value(string name) => principal.FindFirst(name)?.Value is { Length: > 0 } value ? value.Trim() : null;
        return Value(names.Bin) is not { } bin ? null : new IdinBankIdentity(
            bin, Value(names.Initials), Value(names.LegalLastNamePrefix), Value(names.LegalLastName),
            Value(names.PartnerLastNamePrefix), Value(names.PartnerLastName), Value(names.PreferredLastName),
            Value(names.DateOfBirth), Value(names.Street), Value(names.HouseNumber), Value(names.HouseNumberSuffix),
            Value(names.Postcode), Value(names.City), Value(names.Country));
    }
}
