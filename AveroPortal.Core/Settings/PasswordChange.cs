using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.Settings;

/// <summary>
/// Changing the password from the settings: input checks and the rules first (they change nothing and count
/// nothing), then re-authentication with the current password and a fresh code, then the new hash and a mail.
/// The security stamp stays: other sessions end only when the customer chooses "sign out everywhere else"; pending
/// logins (password accepted with the old password, code not yet given) end at once.
/// </summary>
public sealed class PasswordChange(
    AccountRepository accounts,
    Reauthentication reauthentication,
    LoginEventRepository events,
    PasswordRules rules,
    PasswordHashing hashing,
    FactorChangeNotifier notifier,
    PendingLoginRepository pendingLogins)
{
    public async Task<PasswordChangeResult> ChangeAsync(long accountId, PasswordChangeRequest request, ClientInfo client)
    {
        var input = new PasswordChangeResult(PasswordChangeOutcome.BadInput,
            CurrentPasswordProblem: LoginInput.CheckPassword(request.CurrentPassword),
            CodeProblem: LoginInput.CheckCode(request.Code),
            NewPasswordProblem: LoginInput.CheckPassword(request.NewPassword),
            RepeatProblem: LoginInput.CheckPassword(request.Repeat));
        if (input is not { CurrentPasswordProblem: InputProblem.None, CodeProblem: InputProblem.None, NewPasswordProblem: InputProblem.None, RepeatProblem: InputProblem.None })
        {
            return input;
        }

        var account = await accounts.GetAsync(accountId);
        if (account is null || account.DisabledAt is not null || account.IsStaff)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.NotAvailable);
        }

        var rule = rules.Check(request.NewPassword!, account.Email);
        if (rule != PasswordProblem.None)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.Rejected, RuleProblem: rule);
        }

        if (request.NewPassword != request.Repeat)
        {
            return new PasswordChangeResult(PasswordChangeOutcome.PasswordsDiffer);
        }

        // One turn for the current password and the new hash, taken before anything is counted: a "te druk" answer
        // neither counts an attempt nor spends the code.
        using var slot = await hashing.EnterAsync();
        var proof = await reauthentication.CheckAsync(account, slot, request.CurrentPassword!, request.Code!, SettingsEvents.PasswordChangeMethod, client);
        switch (proof)
        {
            case { Outcome: FactorOutcome.Accepted }:
                break;
            case { Outcome: FactorOutcome.Refused, RefusedBy: FactorKind.Password }:
                return new PasswordChangeResult(PasswordChangeOutcome.WrongPassword);
            case { Outcome: FactorOutcome.Refused, RefusedBy: FactorKind.Authenticator }:
                return new PasswordChangeResult(PasswordChangeOutcome.InvalidCode);
            case { Outcome: FactorOutcome.LockedOut }:
                return new PasswordChangeResult(PasswordChangeOutcome.LockedOut, LockedUntil: proof.LockedUntil);
            default:
                return new PasswordChangeResult(PasswordChangeOutcome.NotAvailable);
        }

        var hash = slot.Hash(request.NewPassword!);
        slot.Dispose();
        await accounts.UpdatePasswordHashAsync(account.Id, hash);
        // Whoever passed the password step with the old password can not finish that login any more.
        await pendingLogins.EndForAccountAsync(account.Id);
        await events.AddAsync(account.Id, account.Portal, SettingsEvents.PasswordChangeMethod, SettingsEvents.PasswordChanged, client);
        var notified = await notifier.TryNotifyAsync(account, FactorChangeNotifier.Password);
        return new PasswordChangeResult(PasswordChangeOutcome.Changed, Notified: notified);
    }
}
