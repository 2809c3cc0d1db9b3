using System.Globalization;
using System.Net;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Colleagues;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AveroPortal.Blazor.Features.Colleagues;

/// <summary>The page's state and actions: loading the company's colleagues, inviting one, revoking an account or an invitation.</summary>
public partial class ColleaguesPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool _loaded;
    private bool _business;
    private bool _viaEHerkenning;
    private long? _accountId;
    private long? _companyId;
    private ColleagueOverview? _overview;
    private string? _email;
    private string? _name;
    private string? _emailError;
    private string? _nameError;
    private bool _busy;
    private (Severity Severity, string Html)? _message;

    /// <summary>Only people with an e-mail account invite and revoke; eHerkenning users are authorized by their company instead.</summary>
    private bool CanManage => !_viaEHerkenning && _accountId is not null;

    protected override async Task OnInitializedAsync()
    {
        var user = PortalUser.From((await AuthenticationState).User);
        _business = user is { IsBusiness: true };
        if (user is { IsBusiness: true })
        {
            _viaEHerkenning = user.IsEHerkenning;
            if (_viaEHerkenning)
            {
                // eHerkenning users have no e-mail account: they act for the company named in the session.
                _companyId = user.CompanyId;
            }
            else if (user.AccountId is { } accountId
                && await Accounts.GetAsync(accountId) is { CompanyId: { } companyId } account)
            {
                _accountId = account.Id;
                _companyId = companyId;
            }

            await LoadAsync();
        }

        _loaded = true;
    }

    private async Task LoadAsync() =>
        _overview = _companyId is { } companyId ? await Colleagues.GetOverviewAsync(companyId) : null;

    private async Task InviteAsync()
    {
        if (_accountId is not { } me || _busy)
        {
            return;
        }

        _emailError = _nameError = null;
        var problem = ColleagueAdministration.Check(_email, _name);
        if (problem != InviteProblem.None)
        {
            ShowProblem(problem);
            return;
        }

        _busy = true;
        try
        {
            var result = await Colleagues.InviteAsync(new ColleagueActor(me, null), _email, _name, Links.Base(Navigation.BaseUri));
            _message = result.Outcome switch
            {
                InviteOutcome.Invited => (Severity.Success, Text("ColleaguesInvited", _email!.Trim(), Time(result.ExpiresAt!.Value.ToUnixTimeSeconds()))),
                InviteOutcome.LimitReached => (Severity.Warning, Text("ColleaguesLimitReached")),
                InviteOutcome.TooManyInvitations => (Severity.Warning, Text("ColleaguesTooManyInvitations")),
                InviteOutcome.AlreadyColleague => (Severity.Info, Text("ColleaguesAlreadyColleague")),
                InviteOutcome.CompanyNotInsured => (Severity.Warning, Text("ColleaguesNotInsured")),
                InviteOutcome.MailFailed => (Severity.Error, Text("ColleaguesMailFailed")),
                InviteOutcome.BadInput => null,
                _ => (Severity.Error, Text("ColleaguesNotAllowed")),
            };
            if (result.Outcome == InviteOutcome.BadInput)
            {
                ShowProblem(result.Problem);
            }

            if (result.Outcome == InviteOutcome.Invited)
            {
                _email = _name = null;
            }

            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void ShowProblem(InviteProblem problem)
    {
        switch (problem)
        {
            case InviteProblem.EmailMissing:
                _emailError = L["ColleaguesEmailMissing"];
                break;
            case InviteProblem.EmailInvalid:
                _emailError = L["ColleaguesEmailInvalid"];
                break;
            case InviteProblem.NameMissing:
                _nameError = L["ColleaguesNameMissing"];
                break;
            case InviteProblem.NameTooLong:
                _nameError = L["ColleaguesNameTooLong"];
                break;
            default:
                _emailError = L["ColleaguesControlCharacters"];
                break;
        }
    }

    private async Task RevokeAccountAsync(ColleagueAccount account)
    {
        if (_accountId is not { } me
            || !await ConfirmAsync(L["ColleaguesRevokeAccountTitle"], L["ColleaguesRevokeAccountExplanation", account.DisplayName, account.Email]))
        {
            return;
        }

        ShowRevoked(await Colleagues.RevokeAccountAsync(new ColleagueActor(me, null), account.Id), "ColleaguesAccountRevoked", account.DisplayName);
        await LoadAsync();
    }

    private async Task RevokeInvitationAsync(PendingInvitation invitation)
    {
        if (_accountId is not { } me
            || !await ConfirmAsync(L["ColleaguesRevokeInvitationTitle"], L["ColleaguesRevokeInvitationExplanation", invitation.Email]))
        {
            return;
        }

        ShowRevoked(await Colleagues.RevokeInvitationAsync(new ColleagueActor(me, null), invitation.Id), "ColleaguesInvitationRevoked", invitation.Email);
        await LoadAsync();
    }

    private async Task<bool> ConfirmAsync(string title, string explanation)
    {
        var dialog = await Dialogs.ShowAsync<RevokeDialog>(title, new DialogParameters<RevokeDialog>
        {
            { d => d.Title, title },
            { d => d.Explanation, explanation },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    private void ShowRevoked(RevokeOutcome outcome, string doneKey, string who) =>
        _message = outcome switch
        {
            RevokeOutcome.Revoked => (Severity.Success, Text(doneKey, who)),
            RevokeOutcome.AlreadyRevoked => (Severity.Info, Text("ColleaguesAlreadyRevoked")),
            RevokeOutcome.NotFound => (Severity.Warning, Text("ColleaguesNotFound")),
            RevokeOutcome.NotYourself => (Severity.Warning, Text("ColleaguesNotYourself")),
            _ => (Severity.Error, Text("ColleaguesNotAllowed")),
        };

    private string StatusOf(ColleagueAccount account) =>
        account.IsDisabled ? L["ColleaguesStatusRevoked"]
        : account.IsEnrolled ? L["ColleaguesStatusActive"]
        : L["ColleaguesStatusNotEnrolled"];

    /// <summary>
    /// A message as markup: some texts carry the Supportdesk's phone link, so the values (names and addresses typed
    /// by customers) are encoded here.
    /// </summary>
    private string Text(string key, params string[] values) =>
        L[key, values.Select(v => (object)WebUtility.HtmlEncode(v)).ToArray()];

    /// <summary>Stored as UTC Unix seconds; shown in Dutch local time, in the page's language.</summary>
    private static string Time(long unixSeconds) =>
        AveroPortal.Core.DutchTime.Local(unixSeconds).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);
}
