using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;

namespace AveroPortal.Core.Settings;

/// <summary>
/// Moving the authenticator to a new phone while the old one still works. Step 1: a fresh code from the old app
/// (re-authentication). Step 2: a new secret, pending for five minutes, bound to the account and the (still live) session
/// that passed step 1. Step 3: a code from the new app swaps the secrets in one transaction; from then on only the new
/// app works. A customer whose old phone is gone proves step 1 with a recovery code instead (it is spent, and mailed
/// about, as at a login with one).
/// </summary>
public sealed class AuthenticatorReplacement(
    AccountRepository accounts,
    AuthenticatorRepository authenticators,
    AuthenticatorReplacementRepository replacements,
    Reauthentication reauthentication,
    LoginEventRepository events,
    AuthenticatorSecrets secrets,
    TotpPolicy totp,
    FactorChangeNotifier notifier,
    FactorCheck factorCheck,
    RecoveryCodeSet recoveryCodes)
{
    public async Task<ReplacementResult> StartAsync(long accountId, string sessionId, string? oldCode, ClientInfo client)
    {
        var problem = LoginInput.CheckCode(oldCode);
        if (problem != InputProblem.None)
        {
            return new ReplacementResult(ReplacementOutcome.BadInput, Problem: problem);
        }

        if (await AccountAsync(accountId) is not { } account || string.IsNullOrEmpty(sessionId))
        {
            return new ReplacementResult(ReplacementOutcome.NotAvailable);
        }

        var proof = await reauthentication.CheckAsync(account, null, oldCode!, SettingsEvents.AuthenticatorReplacementMethod, client);
        if (proof.Outcome != FactorOutcome.Accepted)
        {
            return Refused(proof);
        }

        return await BeginAsync(account, sessionId);
    }

    /// <summary>Step 1 with a recovery code, for a customer whose old app is gone: the same lockout, and the code is spent.</summary>
    public async Task<ReplacementResult> StartWithRecoveryCodeAsync(long accountId, string sessionId, string? recoveryCode, ClientInfo client)
    {
        if (string.IsNullOrWhiteSpace(recoveryCode))
        {
            return new ReplacementResult(ReplacementOutcome.BadInput, Problem: InputProblem.Missing);
        }

        if (RecoveryCodes.Normalize(recoveryCode) is not { } normalised)
        {
            return new ReplacementResult(ReplacementOutcome.BadInput, Problem: InputProblem.InvalidCode);
        }

        if (await AccountAsync(accountId) is not { } account || string.IsNullOrEmpty(sessionId)
            || await authenticators.GetAsync(accountId) is not { IsEnrolled: true })
        {
            return new ReplacementResult(ReplacementOutcome.NotAvailable);
        }

        var factor = await recoveryCodes.FactorAsync(account.Id, normalised);
        var proof = await factorCheck.CheckAsync(new FactorAttempt(account.Id, account.Portal, SettingsEvents.AuthenticatorReplacementMethod, client), [factor]);
        switch (proof.Outcome)
        {
            case FactorOutcome.LockedOut:
                return new ReplacementResult(ReplacementOutcome.LockedOut, LockedUntil: proof.LockedUntil);
            case not FactorOutcome.Accepted:
                return new ReplacementResult(ReplacementOutcome.InvalidCode);
        }

        await recoveryCodes.TryNotifyUsedAsync(account, await recoveryCodes.CountUnusedAsync(account.Id));
        return await BeginAsync(account, sessionId);
    }

    /// <summary>Step 2 after either proof: a new secret, pending for this session.</summary>
    private async Task<ReplacementResult> BeginAsync(Account account, string sessionId)
    {
        // Read after the check: the binding the code was accepted on is the one the swap must replace.
        var binding = await authenticators.GetAsync(account.Id);
        if (binding is not { IsEnrolled: true })
        {
            return new ReplacementResult(ReplacementOutcome.NotAvailable);
        }

        var pending = await replacements.SaveAsync(account.Id, sessionId, secrets.Protect(TotpPolicy.NewSecret()), binding.SecretProtected);
        return new ReplacementResult(ReplacementOutcome.Done, EnrollmentOf(account, pending));
    }

    /// <summary>The new key of the replacement this session started, to show it again (a reload of step 2).</summary>
    public async Task<Enrollment?> FindPendingAsync(long accountId, string sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || await AccountAsync(accountId) is not { } account)
        {
            return null;
        }

        return await replacements.FindAsync(accountId, sessionId) is { } pending ? EnrollmentOf(account, pending) : null;
    }

    public async Task<ReplacementResult> ConfirmAsync(long accountId, string sessionId, string? newCode, ClientInfo client)
    {
        var problem = LoginInput.CheckCode(newCode);
        if (problem != InputProblem.None)
        {
            return new ReplacementResult(ReplacementOutcome.BadInput, Problem: problem);
        }

        if (await AccountAsync(accountId) is not { } account || string.IsNullOrEmpty(sessionId))
        {
            return new ReplacementResult(ReplacementOutcome.NotAvailable);
        }

        var pending = await replacements.FindAsync(accountId, sessionId);
        var binding = await authenticators.GetAsync(accountId);
        if (pending is null || binding is not { IsEnrolled: true })
        {
            return new ReplacementResult(ReplacementOutcome.Expired);
        }

        // A code check like any other: it counts on the lockout before it is evaluated. The new secret's step is spent
        // by the swap itself.
        var factor = new AuthenticatorFactor(totp, secrets, pending.SecretProtected, newCode, spend: null);
        var check = await factorCheck.CheckAsync(new FactorAttempt(accountId, account.Portal, SettingsEvents.AuthenticatorReplacementMethod, client),
            [factor], claim: () => replacements.TrySwapAsync(pending, binding.SecretProtected, factor.Step!.Value));
        switch (check.Outcome)
        {
            case FactorOutcome.LockedOut:
                return new ReplacementResult(ReplacementOutcome.LockedOut, LockedUntil: check.LockedUntil);
            case FactorOutcome.Refused:
                return new ReplacementResult(ReplacementOutcome.InvalidCode);
            case FactorOutcome.ClaimLost:
                // Confirmed in another tab a moment ago, expired right now, or the binding changed: nothing was swapped.
                // The code itself was right, so it takes back its attempt.
                await factorCheck.TakeBackAttemptAsync(accountId);
                return new ReplacementResult(ReplacementOutcome.Expired);
        }

        await events.AddAsync(accountId, account.Portal, SettingsEvents.AuthenticatorReplacementMethod, SettingsEvents.AuthenticatorReplaced, client);
        var notified = await notifier.TryNotifyAsync(account, FactorChangeNotifier.Authenticator);
        return new ReplacementResult(ReplacementOutcome.Done, Notified: notified);
    }

    private async Task<Account?> AccountAsync(long accountId) =>
        await accounts.GetAsync(accountId) is { DisabledAt: null, IsStaff: false } account ? account : null;

    private Enrollment EnrollmentOf(Account account, PendingReplacement pending)
    {
        var base32 = TotpPolicy.ToBase32(secrets.Unprotect(pending.SecretProtected));
        return new Enrollment(base32, TotpPolicy.OtpAuthUri(base32, account.Email), account.Email);
    }

    private static ReplacementResult Refused(FactorResult proof) => proof switch
    {
        { Outcome: FactorOutcome.LockedOut } => new ReplacementResult(ReplacementOutcome.LockedOut, LockedUntil: proof.LockedUntil),
        { Outcome: FactorOutcome.Refused, RefusedBy: FactorKind.Authenticator } => new ReplacementResult(ReplacementOutcome.InvalidCode),
        _ => new ReplacementResult(ReplacementOutcome.NotAvailable),
    };
}
