using AveroPortal.Blazor.Features.Support;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using MudBlazor;

namespace AveroPortal.Blazor.Features.Colleagues;

/// <summary>
/// Every change on <c>/collegas</c> is a form post to one of these, checked for its anti-forgery token and answered
/// with a redirect back to the page (post, redirect, get) and a <see cref="ColleagueNotice"/>. Only a company
/// administrator gets this far: the <see cref="Policies.CompanyAdministrator"/> policy answers everyone else
/// (colleagues without the role, eHerkenning users, anyone else signed in) with the Dutch 403 page before the token
/// or the form is even read, and Core checks the role again in the transaction of the change. An id that is not one
/// of the company's gets the Dutch 404 and changes nothing.
/// </summary>
internal static class ColleagueEndpoints
{
    public const string PagePath = "/collegas";
    public const string InvitePath = PagePath + "/uitnodigen";
    public const string StepDownPath = PagePath + "/beheerder-neerleggen";

    public static string ResendPath(long invitationId) => $"{PagePath}/uitnodigingen/{invitationId}/opnieuw";

    public static string RevokeInvitationPath(long invitationId) => $"{PagePath}/uitnodigingen/{invitationId}/intrekken";

    public static string RevokeAccountPath(long accountId) => $"{PagePath}/{accountId}/intrekken";

    public static string ReactivatePath(long accountId) => $"{PagePath}/{accountId}/heractiveren";

    public static string GrantPath(long accountId) => $"{PagePath}/{accountId}/beheerder";

    public static void MapColleagueEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Most of them bind no form field, so the anti-forgery check is asked for explicitly (a failed check ends the
        // request with the Dutch 400 in UseAntiforgeryFailurePage, before the handler).
        var actions = endpoints.MapGroup(PagePath)
            .RequireAuthorization(Policies.CompanyAdministrator)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        actions.MapPost("/uitnodigen", async (HttpContext http, [FromForm] string? email, [FromForm] string? name,
            ColleagueAdministration colleagues, PublicLinks links) =>
        {
            var result = await colleagues.InviteAsync(Actor(http), email, name, LinkBase(http, links));
            if (result.Outcome == InviteOutcome.BadInput)
            {
                return Back(http, new ColleagueNotice(Severity.Warning, null, [], email, name, result.Problem));
            }

            var to = email?.Trim() ?? "";
            return Invited(http, result, "ColleaguesInvited", to);
        });

        actions.MapPost("/uitnodigingen/{invitationId:long}/opnieuw", async (HttpContext http, long invitationId,
            ColleagueAdministration colleagues, AccountRepository accounts, PublicLinks links) =>
        {
            var pending = await PendingAsync(http, colleagues, accounts, invitationId);
            var result = await colleagues.ResendInvitationAsync(Actor(http), invitationId, LinkBase(http, links));
            return Invited(http, result, "ColleaguesResent", pending?.Email ?? "");
        });

        actions.MapPost("/uitnodigingen/{invitationId:long}/intrekken", async (HttpContext http, long invitationId,
            ColleagueAdministration colleagues, AccountRepository accounts) =>
        {
            var pending = await PendingAsync(http, colleagues, accounts, invitationId);
            return Revoked(http, await colleagues.RevokeInvitationAsync(Actor(http), invitationId), "ColleaguesInvitationRevoked", pending?.Email ?? "");
        });

        actions.MapPost("/{accountId:long}/intrekken", async (HttpContext http, long accountId,
            ColleagueAdministration colleagues, AccountRepository accounts) =>
        {
            var target = await ColleagueAsync(http, colleagues, accounts, accountId);
            return Revoked(http, await colleagues.RevokeAccountAsync(Actor(http), accountId), "ColleaguesAccountRevoked", target?.DisplayName ?? "");
        });

        actions.MapPost("/{accountId:long}/heractiveren", async (HttpContext http, long accountId,
            ColleagueAdministration colleagues, AccountRepository accounts, PublicLinks links) =>
        {
            var target = await ColleagueAsync(http, colleagues, accounts, accountId);
            var outcome = await colleagues.ReactivateAsync(Actor(http), accountId, LinkBase(http, links));
            return outcome switch
            {
                ReactivateOutcome.Sent => Back(http, Notice(Severity.Success, "ColleaguesReactivationSent", target?.DisplayName ?? "", target?.Email ?? "")),
                ReactivateOutcome.NotRevoked => Back(http, Notice(Severity.Info, "ColleaguesNotRevoked", target?.DisplayName ?? "")),
                ReactivateOutcome.LimitReached => Back(http, Notice(Severity.Warning, "ColleaguesLimitReached")),
                ReactivateOutcome.TooManyInvitations => Back(http, Notice(Severity.Warning, "ColleaguesTooManyInvitations")),
                ReactivateOutcome.CompanyNotInsured => Back(http, Notice(Severity.Warning, "ColleaguesNotInsured")),
                ReactivateOutcome.MailFailed => Back(http, Notice(Severity.Error, "ColleaguesReactivationMailFailed")),
                ReactivateOutcome.NotFound => NotFound(),
                _ => Forbidden(),
            };
        });

        actions.MapPost("/{accountId:long}/beheerder", async (HttpContext http, long accountId,
            ColleagueAdministration colleagues, AccountRepository accounts) =>
        {
            var target = await ColleagueAsync(http, colleagues, accounts, accountId);
            return await colleagues.GrantAdministratorAsync(Actor(http), accountId) switch
            {
                RoleOutcome.Granted => Back(http, Notice(Severity.Success, "ColleaguesAdministratorGranted", target?.DisplayName ?? "")),
                RoleOutcome.AlreadyAdministrator => Back(http, Notice(Severity.Info, "ColleaguesAlreadyAdministrator", target?.DisplayName ?? "")),
                RoleOutcome.NotActive => Back(http, Notice(Severity.Warning, "ColleaguesGrantNotActive", target?.DisplayName ?? "")),
                RoleOutcome.NotFound => NotFound(),
                _ => Forbidden(),
            };
        });

        actions.MapPost("/beheerder-neerleggen", async (HttpContext http, ColleagueAdministration colleagues) =>
            await colleagues.StepDownAsync(Actor(http)) switch
            {
                RoleOutcome.SteppedDown => Back(http, Notice(Severity.Success, "ColleaguesSteppedDown")),
                RoleOutcome.LastAdministrator => Back(http, Notice(Severity.Warning, "ColleaguesStepDownLast")),
                _ => Forbidden(),
            });
    }

    /// <summary>Who acts: the signed-in account (the policy let only an administrator's session through) and its address.</summary>
    private static ColleagueActor Actor(HttpContext http) =>
        new(PortalUser.From(http.User)!.AccountId!.Value, SessionCookie.ClientOf(http).RemoteIp);

    private static string LinkBase(HttpContext http, PublicLinks links) =>
        links.Base($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");

    private static IResult Invited(HttpContext http, InviteResult result, string doneKey, string to) => result.Outcome switch
    {
        InviteOutcome.Invited => Back(http, Notice(Severity.Success, doneKey, to,
            result.ExpiresAt is { } expires ? ColleagueFormat.Time(expires.ToUnixTimeSeconds()) : "")),
        InviteOutcome.LimitReached => Back(http, Notice(Severity.Warning, "ColleaguesLimitReached")),
        InviteOutcome.TooManyInvitations => Back(http, Notice(Severity.Warning, "ColleaguesTooManyInvitations")),
        InviteOutcome.AlreadyColleague => Back(http, Notice(Severity.Info, "ColleaguesAlreadyColleague")),
        InviteOutcome.CompanyNotInsured => Back(http, Notice(Severity.Warning, "ColleaguesNotInsured")),
        InviteOutcome.MailFailed => Back(http, Notice(Severity.Error, "ColleaguesMailFailed")),
        InviteOutcome.NotAdministrator or InviteOutcome.NotAllowed => Forbidden(),
        // A resend of an invitation that is not (or no longer) one of the company's open ones.
        _ => NotFound(),
    };

    private static IResult Revoked(HttpContext http, RevokeOutcome outcome, string doneKey, string who) => outcome switch
    {
        RevokeOutcome.Revoked => Back(http, Notice(Severity.Success, doneKey, who)),
        RevokeOutcome.AlreadyRevoked => Back(http, Notice(Severity.Info, "ColleaguesAlreadyRevoked")),
        RevokeOutcome.NotYourself => Back(http, Notice(Severity.Warning, "ColleaguesNotYourself")),
        RevokeOutcome.LastAdministrator => Back(http, Notice(Severity.Warning, "ColleaguesLastAdministrator")),
        RevokeOutcome.NotFound => NotFound(),
        _ => Forbidden(),
    };

    /// <summary>The name the message uses, read before the change; Core decides whether the account is the company's.</summary>
    private static async Task<ColleagueAccount?> ColleagueAsync(HttpContext http, ColleagueAdministration colleagues, AccountRepository accounts, long accountId) =>
        (await OverviewAsync(http, colleagues, accounts))?.Accounts.FirstOrDefault(a => a.Id == accountId);

    private static async Task<PendingInvitation?> PendingAsync(HttpContext http, ColleagueAdministration colleagues, AccountRepository accounts, long invitationId) =>
        (await OverviewAsync(http, colleagues, accounts))?.Pending.FirstOrDefault(i => i.Id == invitationId);

    private static async Task<ColleagueOverview?> OverviewAsync(HttpContext http, ColleagueAdministration colleagues, AccountRepository accounts) =>
        await accounts.GetAsync(Actor(http).AccountId) is { CompanyId: { } companyId } ? await colleagues.GetOverviewAsync(companyId) : null;

    private static ColleagueNotice Notice(Severity severity, string key, params string[] values) => new(severity, key, values);

    private static IResult Back(HttpContext http, ColleagueNotice notice)
    {
        notice.Set(http);
        return TypedResults.LocalRedirect(PagePath);
    }

    // Empty answers: the status-code pages render the Dutch page for them.
    private static IResult Forbidden() => TypedResults.StatusCode(StatusCodes.Status403Forbidden);

    private static IResult NotFound() => TypedResults.StatusCode(StatusCodes.Status404NotFound);
}
