using System.Net;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Colleagues;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AveroPortal.Blazor.Features.Colleagues;

/// <summary>
/// The company's e-mail accounts and open invitations: with the actions for an administrator, read-only (with who the
/// administrators are) for the other colleagues and for eHerkenning users. The actions themselves are form posts to
/// <see cref="ColleagueEndpoints"/>; the page only shows what the last one said (<see cref="ColleagueNotice"/>).
/// </summary>
public partial class ColleaguesPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool _business;
    private bool _viaEHerkenning;
    private bool _isAdministrator;
    private long? _accountId;
    private ColleagueOverview? _overview;
    private IReadOnlyList<CompanyAuditEntry> _audit = [];
    private ColleagueNotice? _notice;
    private string? _emailError;
    private string? _nameError;

    private int OtherAdministrators => _overview?.Accounts.Count(a => a.IsAdministrator && !a.IsDisabled && a.Id != _accountId) ?? 0;

    private string AdministratorsSentence
    {
        get
        {
            var names = _overview?.Accounts.Where(a => a.IsAdministrator && !a.IsDisabled).Select(a => a.DisplayName).ToList() ?? [];
            return names.Count switch
            {
                0 => L["ColleaguesNoAdministrator"],
                1 => L["ColleaguesAdministratorIs", names[0]],
                _ => L["ColleaguesAdministratorsAre", string.Join(", ", names)],
            };
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var user = PortalUser.From((await AuthenticationState).User);
        _business = user is { IsBusiness: true };
        if (user is not { IsBusiness: true })
        {
            return;
        }

        long? companyId = null;
        _viaEHerkenning = user.IsEHerkenning;
        if (_viaEHerkenning)
        {
            // eHerkenning users have no e-mail account: they act for the company named in the session, and only read.
            companyId = user.CompanyId;
        }
        else if (user.AccountId is { } accountId && await Accounts.GetAsync(accountId) is { CompanyId: { } ownCompany } account)
        {
            _accountId = account.Id;
            companyId = ownCompany;
            _isAdministrator = await Colleagues.IsAdministratorAsync(account.Id);
        }

        _overview = companyId is { } id ? await Colleagues.GetOverviewAsync(id) : null;
        if (_isAdministrator && _accountId is { } me)
        {
            _audit = await Colleagues.AuditAsync(new ColleagueActor(me, HttpContext is null ? null : SessionCookie.ClientOf(HttpContext).RemoteIp));
        }

        _notice = HttpContext is null ? null : ColleagueNotice.Take(HttpContext);
        ShowProblem(_notice?.Problem ?? InviteProblem.None);
    }

    private void ShowProblem(InviteProblem problem)
    {
        switch (problem)
        {
            case InviteProblem.None:
                break;
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

    private string StatusOf(ColleagueAccount account) =>
        account.IsDisabled ? L["ColleaguesStatusRevoked"]
        : account.IsEnrolled ? L["ColleaguesStatusActive"]
        : L["ColleaguesStatusNotEnrolled"];

    /// <summary>
    /// A message as markup: some texts carry the Supportdesk's phone link, so the values (names and addresses typed
    /// by customers) are encoded here.
    /// </summary>
    private string Text(string key, string[] values) =>
        L[key, values.Select(v => (object)WebUtility.HtmlEncode(v)).ToArray()];
}
