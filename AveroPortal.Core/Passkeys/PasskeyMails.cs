using AveroPortal.Core.Email;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Passkeys;

internal enum PasskeyChange
{
    Added,
    Renamed,
    Removed,
    RemovedBySupport,
}

/// <summary>Every change to an account's passkeys is a security mail with its "Dit was ik niet" link.</summary>
public sealed class PasskeyMails(IEmailSender email, FreezeLinks freezeLinks, TimeProvider clock, ILogger<PasskeyMails> logger)
{
    /// <summary>
    /// False when the mail could not be sent. The change has happened by then, so a mail server that is down must not
    /// turn it into an error page that says nothing changed.
    /// </summary>
    internal async Task<bool> TryNotifyAsync(Account account, PasskeyChange change, string passkeyName)
    {
        try
        {
            await NotifyAsync(account, change, passkeyName);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Notification about a passkey change ({Change}) for account {AccountId} could not be sent", change, account.Id);
            return false;
        }
    }

    /// <summary>For the Supportdesk, whose actions send their mail without the safety net (as the unlink does).</summary>
    internal async Task NotifyAsync(Account account, PasskeyChange change, string passkeyName)
    {
        var (reason, compose) = change switch
        {
            PasskeyChange.Added => (FreezeReasons.PasskeyAdded, (Func<FreezeLink, EmailMessage>)(f => EmailTemplates.PasskeyAdded(account.Email, account.DisplayName, passkeyName, clock.GetUtcNow(), f))),
            PasskeyChange.Renamed => (FreezeReasons.PasskeyRenamed, f => EmailTemplates.PasskeyRenamed(account.Email, account.DisplayName, passkeyName, clock.GetUtcNow(), f)),
            PasskeyChange.Removed => (FreezeReasons.PasskeyRemoved, f => EmailTemplates.PasskeyRemoved(account.Email, account.DisplayName, passkeyName, clock.GetUtcNow(), f)),
            _ => (FreezeReasons.PasskeyRemovedBySupport, f => EmailTemplates.PasskeyRemovedBySupport(account.Email, account.DisplayName, passkeyName, clock.GetUtcNow(), f)),
        };
        var freeze = await freezeLinks.CreateAsync(account.Id, reason);
        await email.SendAsync(compose(freeze));
    }
}
