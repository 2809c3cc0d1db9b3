using AveroPortal.Core.Email;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Recovery;

/// <summary>
/// Issuing, counting and checking an account's recovery codes. The codes leave here only once, as the return value of
/// <see cref="IssueAsync"/>, for the page that shows them; they are never stored or logged in plain text.
/// </summary>
public sealed class RecoveryCodeSet(RecoveryCodeRepository repository, ProtectedKeys keys, IEmailSender email, FreezeLinks freezeLinks,
    TimeProvider clock, ILogger<RecoveryCodeSet> logger)
{
    /// <summary>With this many unused codes or fewer the customer is warned (after login and in the settings).</summary>
    public const int LowAt = 3;

    private readonly RecoveryCodeHasher _hasher = new(keys);

    /// <summary>A new set for the account, replacing the old one; returns the codes grouped for reading.</summary>
    public async Task<IReadOnlyList<string>> IssueAsync(long accountId)
    {
        var codes = RecoveryCodes.Generate();
        var key = await keys.GetOrCreateAsync(RecoveryCodeHasher.KeyPurpose);
        await repository.ReplaceAsync(accountId, [.. codes.Select(code => RecoveryCodeHasher.Hash(key, code))]);
        return [.. codes.Select(RecoveryCodes.Grouped)];
    }

    public Task<int> CountUnusedAsync(long accountId) => repository.CountUnusedAsync(accountId);

    /// <param name="normalised">From <see cref="RecoveryCodes.Normalize"/>.</param>
    internal async Task<IFactor> FactorAsync(long accountId, string normalised)
    {
        var hash = await _hasher.HashAsync(normalised);
        return new RecoveryCodeFactor(() => repository.TryUseAsync(accountId, hash));
    }

    internal Task<bool> TryNotifyUsedAsync(Account account, int left) =>
        TrySendAsync(account, async () => EmailTemplates.RecoveryCodeUsed(account.Email, account.DisplayName, left, clock.GetUtcNow(),
            await freezeLinks.CreateAsync(account.Id, FreezeReasons.RecoveryCodeUsed)));

    internal Task<bool> TryNotifyRegeneratedAsync(Account account) =>
        TrySendAsync(account, async () => EmailTemplates.RecoveryCodesRegenerated(account.Email, account.DisplayName, clock.GetUtcNow(),
            await freezeLinks.CreateAsync(account.Id, FreezeReasons.RecoveryCodesRegenerated)));

    /// <summary>False when the mail could not be sent: the login or the new set has happened by then and stays.</summary>
    private async Task<bool> TrySendAsync(Account account, Func<Task<EmailMessage>> compose)
    {
        try
        {
            await email.SendAsync(await compose());
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(Operations.SecurityEvents.MailFailed, "A recovery-code mail for account {AccountId} could not be sent: {Error}", account.Id, Operations.LogScrub.Exception(e));
            return false;
        }
    }
}
