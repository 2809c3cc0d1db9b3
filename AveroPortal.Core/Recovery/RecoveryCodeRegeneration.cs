using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;

namespace AveroPortal.Core.Recovery;

/// <summary>
/// A new set of recovery codes from the settings, after a fresh authenticator code (the same re-authentication as a
/// password change); the old set stops working in the same transaction, and the customer gets a mail.
/// </summary>
public sealed class RecoveryCodeRegeneration(AccountRepository accounts, Reauthentication reauthentication, RecoveryCodeSet codes,
    LoginEventRepository events)
{
    public const string Method = "recovery-codes";
    public const string Regenerated = "recovery-codes-regenerated";

    public async Task<RegenerationResult> RegenerateAsync(long accountId, string? code, ClientInfo client)
    {
        var problem = LoginInput.CheckCode(code);
        if (problem != InputProblem.None)
        {
            return new RegenerationResult(RegenerationOutcome.BadInput, Problem: problem);
        }

        if (await accounts.GetAsync(accountId) is not { DisabledAt: null, IsStaff: false } account)
        {
            return new RegenerationResult(RegenerationOutcome.NotAvailable);
        }

        var proof = await reauthentication.CheckAsync(account, null, code!, Method, client);
        switch (proof.Outcome)
        {
            case FactorOutcome.LockedOut:
                return new RegenerationResult(RegenerationOutcome.LockedOut, LockedUntil: proof.LockedUntil);
            case FactorOutcome.Refused:
                return new RegenerationResult(RegenerationOutcome.InvalidCode);
            case not FactorOutcome.Accepted:
                return new RegenerationResult(RegenerationOutcome.NotAvailable);
        }

        var issued = await codes.IssueAsync(accountId);
        await events.AddAsync(accountId, account.Portal, Method, Regenerated, client);
        var notified = await codes.TryNotifyRegeneratedAsync(account);
        return new RegenerationResult(RegenerationOutcome.Done, issued, Notified: notified);
    }
}
