using System.Text.Json;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Features.Passkeys;

/// <summary>
/// Where passkeys.js gets the options for navigator.credentials.create/get: form posts with the page's anti-forgery
/// token (the rate limiter counts them like every write), answered with <c>{ challengeId, options }</c> (the Fido2 options
/// as Core serialised them) or <c>{ message, reload }</c> in the customer's language. The answer to the challenge comes
/// back through the page's own static SSR form, whose handler calls Core and, for a login, sets the cookie.
/// </summary>
internal static class PasskeyEndpoints
{
    public const string RegistrationPath = PasskeyProofCookie.Path + "/opties";
    public const string SecondFactorPath = "/inloggen/code/passkey-opties";
    public const string PasswordlessPath = "/inloggen/passkey-opties";

    public static void MapPasskeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // No form field is bound on two of them, so the anti-forgery check is asked for explicitly (a failed check
        // ends the request with 400 in UseAntiforgeryFailurePage, before the handler).
        var forms = endpoints.MapGroup("").WithMetadata(new RequireAntiforgeryTokenAttribute());

        // Settings: only inside the window after the page's re-authentication, for this session.
        forms.MapPost(RegistrationPath, async (HttpContext http, PasskeyCeremonies ceremonies, AccountRepository accounts, IStringLocalizer<Texts> l) =>
        {
            if (PortalUser.From(http.User) is not { HasAccount: true } user
                || PasskeyProofCookie.ValidUntil(http, user.AccountId!.Value, user.SessionId!) is null)
            {
                return Refuse(StatusCodes.Status403Forbidden, l["PasskeysReauthNeeded"], reload: true);
            }

            if (await accounts.GetAsync(user.AccountId.Value) is not { DisabledAt: null, IsStaff: false } account)
            {
                return Refuse(StatusCodes.Status403Forbidden, l["SettingsNotAvailable"], reload: false);
            }

            return Options(await ceremonies.BeginRegistrationAsync(account, PasskeyBrowserCookie.GetOrCreate(http)));
        }).RequireAuthorization(Policies.Customer);

        // The code step: the pending login's account and its passkeys. A login that is gone sends the page back to
        // the password step (the page itself says why).
        forms.MapPost(SecondFactorPath, async (HttpContext http, PasskeyCeremonies ceremonies, IStringLocalizer<Texts> l) =>
        {
            var begin = await ceremonies.BeginSecondFactorAsync(await PendingLoginCookie.IdAsync(http), PasskeyBrowserCookie.GetOrCreate(http));
            return begin is null ? Refuse(StatusCodes.Status409Conflict, l["PendingLoginGone"], reload: true) : Options(begin);
        });

        // Passwordless and the e-mail field's autofill: discoverable credentials of one portal's e-mail accounts.
        forms.MapPost(PasswordlessPath, async (HttpContext http, [FromForm] string? portal, PasskeyCeremonies ceremonies, IStringLocalizer<Texts> l) =>
            portal is Portals.Private or Portals.Business
                ? Options(await ceremonies.BeginPasswordlessAsync(portal, PasskeyBrowserCookie.GetOrCreate(http)))
                : Refuse(StatusCodes.Status400BadRequest, l["PasskeyFailed"], reload: false));
    }

    private static IResult Options(PasskeyBegin begin) =>
        Json(StatusCodes.Status200OK, "{\"challengeId\":" + JsonSerializer.Serialize(begin.ChallengeId) + ",\"options\":" + begin.OptionsJson + "}");

    private static IResult Refuse(int status, string message, bool reload) =>
        Json(status, JsonSerializer.Serialize(new { message, reload }));

    // Options hold a challenge: never cached, never shown as a page.
    private static IResult Json(int status, string json) => new NoStoreJson(status, json);

    private sealed class NoStoreJson(int status, string json) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(json);
        }
    }
}
