using AveroPortal.Core.Email;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Settings;

/// <summary>Tells the customer by e-mail that a factor of their account changed.</summary>
public sealed class FactorChangeNotifier(IEmailSender email, FreezeLinks freezeLinks, TimeProvider clock, ILogger<FactorChangeNotifier> logger)
{
    public const string Password = "het wachtwoord";
    public const string Authenticator = "de authenticator-app";

    /// <summary>
    /// False when the mail could not be sent. The change itself has happened by then, so a mail server that is down
    /// must not turn it into an error page that says nothing changed.
    /// </summary>
    public async Task<bool> TryNotifyAsync(Account account, string what)
    {
        try
        {
            var freeze = await freezeLinks.CreateAsync(account.Id, what == Password ? FreezeReasons.PasswordChanged : FreezeReasons.AuthenticatorReplaced);
            await email.SendAsync(EmailTemplates.FactorChanged(account.Email, account.DisplayName, what, clock.GetUtcNow(), freeze));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(Operations.SecurityEvents.MailFailed, "Notification about a changed factor ({What}) for account {AccountId} could not be sent: {Error}", what, account.Id, Operations.LogScrub.Exception(e));
            return false;
        }
    }
}
