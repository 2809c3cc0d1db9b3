using AveroPortal.Core.Email;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.PasswordReset;

/// <summary>
/// "Wachtwoord vergeten?": one answer for every well-formed address. Every request is counted on its address, makes
/// one reset row (without an account when there is none) and returns at once; only an enabled customer account of
/// the portal asked for gets a mail, sent after the answer (<see cref="PasswordResetMails"/>), so neither the answer
/// nor its timing tells whether the address has an account. Staff accounts are left out: the support desk's own
/// login is no customer portal, and an Admin re-invites an agent who forgot a password.
/// </summary>
public sealed class ForgottenPassword
{
    private readonly AccountRepository _accounts;
    private readonly PasswordResetRepository _resets;
    private readonly ResetAddressLimit _limit;
    private readonly PasswordResetMails _mails;
    private readonly TimeProvider _clock;

    internal ForgottenPassword(AccountRepository accounts, PasswordResetRepository resets, ResetAddressLimit limit, PasswordResetMails mails, TimeProvider clock)
    {
        _clock = clock;
        _accounts = accounts;
        _resets = resets;
        _limit = limit;
        _mails = mails;
    }

    /// <summary>The page's address of a link: <paramref name="publicBase"/> is Avero:PublicBaseUrl, never the request's Host.</summary>
    public static string LinkFor(Uri publicBase, string token) =>
        new Uri(publicBase, "wachtwoord-herstellen/link?token=" + Uri.EscapeDataString(token)).AbsoluteUri;

    public async Task<ResetRequestResult> RequestAsync(string portal, string? email, Uri publicBase)
    {
        var problem = LoginInput.CheckEmail(email);
        if (portal is not (Portals.Private or Portals.Business) || problem != InputProblem.None)
        {
            return new ResetRequestResult(ResetRequestOutcome.BadInput, problem);
        }

        if (!await _limit.TryCountAsync(email!))
        {
            return new ResetRequestResult(ResetRequestOutcome.Answered);
        }

        var account = await _accounts.FindByEmailAsync(email!);
        var eligible = account is { DisabledAt: null, IsStaff: false } && account.Portal == portal;
        var token = await _resets.IssueAsync(eligible ? account!.Id : null, eligible ? account!.SecurityStamp : null);
        if (eligible)
        {
            var expiresAt = _clock.GetUtcNow().Add(PasswordResetTokens.Lifetime);
            _mails.Enqueue(EmailTemplates.PasswordResetLink(account!.Email, account.DisplayName, LinkFor(publicBase, token), expiresAt));
        }

        return new ResetRequestResult(ResetRequestOutcome.Answered);
    }
}
