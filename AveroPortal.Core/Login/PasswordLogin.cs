using AveroPortal.Core.Factors;
using AveroPortal.Core.Passkeys;
using AveroPortal.Core.Recovery;

namespace AveroPortal.Core.Login;

/// <summary>
/// The e-mail + password + authenticator login as one policy: input checks first (bad input changes nothing),
/// then lockout, then the factor (both through <see cref="FactorCheck"/>). Every step leaves a login event.
/// </summary>
public sealed class PasswordLogin(
    AccountRepository accounts,
    UnknownAddressAttempts unknownAddresses,
    AuthenticatorRepository authenticators,
    LoginEventRepository events,
    AuthenticatorSecrets secrets,
    PasswordHashing hashing,
    TotpPolicy totp,
    PendingLoginRepository pending,
    FactorCheck factorCheck,
    RecoveryCodeSet recoveryCodes,
    PasskeyCeremonies passkeys)
{
    public async Task<PasswordStepResult> CheckPasswordAsync(string portal, string? email, string? password, ClientInfo client)
    {
        var emailProblem = LoginInput.CheckEmail(email);
        var passwordProblem = LoginInput.CheckPassword(password);
        if (!Portals.IsValid(portal) || emailProblem != InputProblem.None || passwordProblem != InputProblem.None)
        {
            return new PasswordStepResult(PasswordStepOutcome.BadInput, EmailProblem: emailProblem, PasswordProblem: passwordProblem);
        }

        var account = await accounts.FindByEmailAsync(email!);
        // A disabled account, or a staff account at a customer portal and vice versa, answers like an unknown one; a
        // colleague whose company ended their access is told so, but only after the right password (below).
        if (account is not null && ((account.DisabledAt is not null && !IsRevokedColleague(account)) || account.IsStaff != (portal == Portals.Staff)))
        {
            account = null;
        }

        // A turn at the hasher before anything is counted: when every turn stays taken, the login is turned away
        // ("te druk") with nothing counted, locked or logged, and the customer simply tries again.
        using (var slot = await hashing.EnterAsync())
        {
            if (account is null)
            {
                // Counted and locked like an account, with the same work in the same order, so that neither the answer,
                // nor the lock's end, nor the time taken tells whether the address has an account.
                var unknown = await factorCheck.CheckAsync(new FactorAttempt(null, portal, LoginMethods.Password, client),
                    new UnknownAddressCounter(unknownAddresses, portal, email!), [new UnknownAddressFactor(slot, password!)]);
                return FailedPasswordStep(unknown);
            }

            // Same work as a real check while locked out, so a locked account does not answer faster than an open one.
            var factor = new PasswordFactor(slot, account.PasswordHash, password!, evenTimeWhileLockedOut: true);
            var check = await factorCheck.CheckAsync(new FactorAttempt(account.Id, portal, LoginMethods.Password, client), [factor],
                FactorCompletion.FirstFactor);
            if (check.Outcome != FactorOutcome.Accepted)
            {
                return FailedPasswordStep(check);
            }

            if (factor.NeedsRehash)
            {
                // An old PBKDF2 hash, or Argon2id of a lower cost than configured: replaced now that the password is known.
                await accounts.UpdatePasswordHashAsync(account.Id, slot.Hash(password!));
            }
        }

        if (account.IsFrozen)
        {
            await events.AddAsync(account.Id, portal, LoginMethods.Password, LoginOutcomes.Frozen, client);
            return new PasswordStepResult(PasswordStepOutcome.Frozen);
        }

        if (IsRevokedColleague(account))
        {
            await events.AddAsync(account.Id, portal, LoginMethods.Password, LoginOutcomes.AccessEnded, client);
            return new PasswordStepResult(PasswordStepOutcome.AccessEnded, account);
        }

        if (account.Portal != portal)
        {
            await events.AddAsync(account.Id, portal, LoginMethods.Password, LoginOutcomes.WrongPortal, client);
            return new PasswordStepResult(PasswordStepOutcome.WrongPortal, account);
        }

        var binding = await authenticators.GetAsync(account.Id);
        await events.AddAsync(account.Id, portal, LoginMethods.Password, LoginOutcomes.PasswordAccepted, client);
        return new PasswordStepResult(PasswordStepOutcome.Accepted, account, NeedsEnrollment: binding is not { IsEnrolled: true });
    }

    /// <summary>A business account disabled by a colleague of the same company (ColleagueAdministration.RevokeAccountAsync).</summary>
    private static bool IsRevokedColleague(Account account) =>
        account.DisabledAt is not null && account.Portal == Portals.Business && account.CompanyId is not null;

    public async Task<Enrollment?> GetEnrollmentAsync(long accountId)
    {
        var account = await accounts.GetAsync(accountId);
        if (account is null)
        {
            return null;
        }

        var binding = await authenticators.GetOrCreatePendingAsync(accountId, () => secrets.Protect(TotpPolicy.NewSecret()));
        if (binding.IsEnrolled)
        {
            return null;
        }

        var base32 = TotpPolicy.ToBase32(secrets.Unprotect(binding.SecretProtected));
        return new Enrollment(base32, TotpPolicy.OtpAuthUri(base32, account.Email), account.Email);
    }

    /// <summary>After an accepted password step: the server-side, single-use record the cookie points to (see <see cref="PendingLoginRepository"/>).</summary>
    public Task<string> StartPendingAsync(Account account, string? checkedReturnUrl) => pending.StartAsync(account, checkedReturnUrl);

    /// <summary>The open pending login behind the cookie's id, or null (then the customer starts at the password).</summary>
    public Task<PendingLogin?> FindPendingAsync(string? pendingId) => pending.FindAsync(pendingId);

    /// <summary>The code step of a login: the code, then the pending login is used up; only then may a session start.</summary>
    public Task<CodeStepResult> CompleteCodeStepAsync(string? pendingId, string? code, ClientInfo client) =>
        CompleteAsync(pendingId, code, client, enrolling: false);

    /// <summary>The enrollment confirmation of a first login, under the same single-use rule as <see cref="CompleteCodeStepAsync"/>.</summary>
    /// <remarks>A confirmed enrollment also issues the account's first recovery codes, returned once for the page to show.</remarks>
    public async Task<CodeStepResult> CompleteEnrollmentAsync(string? pendingId, string? code, ClientInfo client)
    {
        var result = await CompleteAsync(pendingId, code, client, enrolling: true);
        return result.Outcome == CodeStepOutcome.Accepted
            ? result with { RecoveryCodes = await recoveryCodes.IssueAsync(result.Account!.Id) }
            : result;
    }

    /// <summary>
    /// The code step answered with a recovery code instead ("Ik heb mijn telefoon niet bij me"): the same check, the
    /// same lockout counter and the same single-use claim of the pending login as <see cref="CompleteCodeStepAsync"/>.
    /// The code is spent before the claim, like a time step: a right code that loses a parallel race is used up.
    /// Accepted results carry how many codes are left; the customer gets a mail.
    /// </summary>
    public async Task<CodeStepResult> CompleteWithRecoveryCodeAsync(string? pendingId, string? recoveryCode, ClientInfo client)
    {
        if (string.IsNullOrWhiteSpace(recoveryCode))
        {
            return new CodeStepResult(CodeStepOutcome.BadInput, Problem: InputProblem.Missing);
        }

        if (RecoveryCodes.Normalize(recoveryCode) is not { } normalised)
        {
            return new CodeStepResult(CodeStepOutcome.BadInput, Problem: InputProblem.InvalidCode);
        }

        if (await pending.FindAsync(pendingId) is not { } login)
        {
            return new CodeStepResult(CodeStepOutcome.Expired);
        }

        var account = await accounts.GetAsync(login.AccountId);
        if (account is null || await authenticators.GetAsync(login.AccountId) is not { IsEnrolled: true })
        {
            return new CodeStepResult(CodeStepOutcome.Restart);
        }

        var factor = await recoveryCodes.FactorAsync(account.Id, normalised);
        var check = await factorCheck.CheckAsync(new FactorAttempt(account.Id, account.Portal, LoginMethods.RecoveryCode, client), [factor],
            claim: () => pending.TryConsumeAsync(pendingId, account.Id));
        var result = await FinishAsync(check, account, LoginMethods.RecoveryCode, LoginOutcomes.Success, client);
        if (result.Outcome != CodeStepOutcome.Accepted)
        {
            return result;
        }

        var left = await recoveryCodes.CountUnusedAsync(account.Id);
        await recoveryCodes.TryNotifyUsedAsync(account, left);
        return result with { RecoveryCodesLeft = left };
    }

    /// <summary>
    /// The code step answered with a passkey ("Bevestigen met uw passkey"): the same lockout counter and the same
    /// single-use claim of the pending login as <see cref="CompleteCodeStepAsync"/>. The challenge (from
    /// <see cref="PasskeyCeremonies.BeginSecondFactorAsync"/>, bound to this account and browser) is used up first and
    /// the counter moves before the claim: a right passkey that loses a parallel race gets no session.
    /// A stale or unknown challenge, or an answer that is not WebAuthn, is <see cref="CodeStepOutcome.BadInput"/>
    /// (nothing counted, the pending login stays); a passkey of another account, a removed one or a wrong assertion
    /// is <see cref="CodeStepOutcome.InvalidCode"/> and counts.
    /// </summary>
    public async Task<CodeStepResult> CompleteWithPasskeyAsync(string? pendingId, string browserKey, string? challengeId,
        string? responseJson, ClientInfo client)
    {
        if (string.IsNullOrWhiteSpace(responseJson))
        {
            return new CodeStepResult(CodeStepOutcome.BadInput, Problem: InputProblem.Missing);
        }

        if (await pending.FindAsync(pendingId) is not { } login)
        {
            return new CodeStepResult(CodeStepOutcome.Expired);
        }

        var account = await accounts.GetAsync(login.AccountId);
        // Frozen between the password and the passkey: the freeze ended the pending login, and this says no as well.
        if (account is null || account.IsFrozen)
        {
            return new CodeStepResult(CodeStepOutcome.Restart);
        }

        var (factor, refusal) = await passkeys.SecondFactorAsync(account.Id, browserKey, challengeId, responseJson);
        if (factor is null)
        {
            return new CodeStepResult(refusal ?? CodeStepOutcome.BadInput, Problem: InputProblem.InvalidCode);
        }

        var check = await factorCheck.CheckAsync(new FactorAttempt(account.Id, account.Portal, LoginMethods.Passkey, client), [factor],
            claim: () => pending.TryConsumeAsync(pendingId, account.Id));
        var result = await FinishAsync(check, account, LoginMethods.Passkey, LoginOutcomes.Success, client);
        return result.Outcome == CodeStepOutcome.InvalidCode && factor.CounterRegressed ? result with { PasskeyCounterRegressed = true } : result;
    }

    /// <summary>The factor alone (no pending login is used up): for callers that prove a code outside a login.</summary>
    public Task<CodeStepResult> ConfirmEnrollmentAsync(long accountId, string? code, ClientInfo client) =>
        CheckCodeAsync(accountId, code, client, enrolling: true, claim: null);

    /// <inheritdoc cref="ConfirmEnrollmentAsync"/>
    public Task<CodeStepResult> VerifyCodeAsync(long accountId, string? code, ClientInfo client) =>
        CheckCodeAsync(accountId, code, client, enrolling: false, claim: null);

    /// <summary>
    /// The order matters. Bad input and a wrong code leave the pending login as it is (a typo does not send the
    /// customer back to the password). A right code is spent first (its time step can not be used again), then the
    /// pending login is claimed by a conditional DELETE: a right code that loses that race gets no session.
    /// </summary>
    private async Task<CodeStepResult> CompleteAsync(string? pendingId, string? code, ClientInfo client, bool enrolling)
    {
        var problem = LoginInput.CheckCode(code);
        if (problem != InputProblem.None)
        {
            return new CodeStepResult(CodeStepOutcome.BadInput, Problem: problem);
        }

        if (await pending.FindAsync(pendingId) is not { } login)
        {
            return new CodeStepResult(CodeStepOutcome.Expired);
        }

        return await CheckCodeAsync(login.AccountId, code, client, enrolling, () => pending.TryConsumeAsync(pendingId, login.AccountId));
    }

    private async Task<CodeStepResult> CheckCodeAsync(long accountId, string? code, ClientInfo client, bool enrolling, Func<Task<bool>>? claim)
    {
        var problem = LoginInput.CheckCode(code);
        if (problem != InputProblem.None)
        {
            return new CodeStepResult(CodeStepOutcome.BadInput, Problem: problem);
        }

        var account = await accounts.GetAsync(accountId);
        var binding = await authenticators.GetAsync(accountId);
        // Frozen between the password and the code: the freeze ended the pending login, and this says no as well.
        if (account is null || account.IsFrozen || binding is null || binding.IsEnrolled == enrolling)
        {
            return new CodeStepResult(CodeStepOutcome.Restart);
        }

        Func<long, Task<bool>> spend = enrolling
            ? step => authenticators.TryConfirmAsync(accountId, step)
            : step => authenticators.TryAcceptStepAsync(accountId, step);
        var factor = new AuthenticatorFactor(totp, secrets, binding.SecretProtected, code, spend);
        var check = await factorCheck.CheckAsync(new FactorAttempt(accountId, account.Portal, LoginMethods.Authenticator, client), [factor],
            claim: claim);
        return await FinishAsync(check, account, LoginMethods.Authenticator, enrolling ? LoginOutcomes.Enrolled : LoginOutcomes.Success, client);
    }

    /// <summary>The code step's answer to a factor check, whichever second factor it was.</summary>
    private async Task<CodeStepResult> FinishAsync(FactorResult check, Account account, string method, string successOutcome, ClientInfo client)
    {
        switch (check.Outcome)
        {
            case FactorOutcome.LockedOut:
                return new CodeStepResult(CodeStepOutcome.LockedOut, LockedUntil: check.LockedUntil);
            case FactorOutcome.Refused:
                return new CodeStepResult(CodeStepOutcome.InvalidCode);
            case FactorOutcome.ClaimLost:
                // Right code, but the pending login was used up (or ended) a moment ago: one password step, one session.
                await events.AddAsync(account.Id, account.Portal, method, LoginOutcomes.PendingLoginGone, client);
                return new CodeStepResult(CodeStepOutcome.Expired);
        }

        await events.AddAsync(account.Id, account.Portal, method, successOutcome, client);
        return new CodeStepResult(CodeStepOutcome.Accepted, account);
    }

    private static PasswordStepResult FailedPasswordStep(FactorResult check) => check.Outcome == FactorOutcome.LockedOut
        ? new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: check.LockedUntil)
        : new PasswordStepResult(PasswordStepOutcome.InvalidCredentials);
}
