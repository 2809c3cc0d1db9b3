namespace AveroPortal.Core.Login;

public enum PasswordStepOutcome
{
    /// <summary>Password right; the authenticator code (or enrollment) comes next.</summary>
    Accepted,
    /// <summary>Unknown e-mail address or wrong password: one answer for both.</summary>
    InvalidCredentials,
    LockedOut,
    /// <summary>Right password, but the account belongs to the other portal.</summary>
    WrongPortal,
    BadInput,
}

public sealed record PasswordStepResult(PasswordStepOutcome Outcome, Account? Account = null, bool NeedsEnrollment = false,
    DateTimeOffset? LockedUntil = null, InputProblem EmailProblem = InputProblem.None, InputProblem PasswordProblem = InputProblem.None);

public enum CodeStepOutcome
{
    Accepted,
    InvalidCode,
    LockedOut,
    BadInput,
    /// <summary>The binding changed under the login (unlinked or already enrolled): start again.</summary>
    Restart,
}

public sealed record CodeStepResult(CodeStepOutcome Outcome, Account? Account = null, DateTimeOffset? LockedUntil = null, InputProblem Problem = InputProblem.None);

public sealed record Enrollment(string Base32Secret, string OtpAuthUri, string Email);

/// <summary>
/// The e-mail + password + authenticator login as one policy: input checks first (bad input changes nothing),
/// then lockout, then the factor. Every step leaves a login event.
/// </summary>
public sealed class PasswordLogin(
    AccountRepository accounts,
    UnknownAddressAttempts unknownAddresses,
    AuthenticatorRepository authenticators,
    LoginEventRepository events,
    AuthenticatorSecrets secrets,
    PasswordHashing hashing,
    TotpPolicy totp)
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
        // A disabled account, or a staff account at a customer portal and vice versa, answers like an unknown one.
        if (account is not null && (account.DisabledAt is not null || account.IsStaff != (portal == Portals.Staff)))
        {
            account = null;
        }

        if (account is null)
        {
            // Counted and locked like an account, with the same work in the same order, so that neither the answer,
            // nor the lock's end, nor the time taken tells whether the address has an account.
            var guess = await unknownAddresses.BeginAttemptAsync(portal, email!);
            hashing.VerifyAgainstDummy(password!);
            await events.AddAsync(null, portal, LoginMethods.Password, guess.Allowed ? LoginOutcomes.UnknownAccount : LoginOutcomes.LockedOut, client);
            return !guess.Allowed
                ? new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: guess.LockedUntil)
                : guess.Next.LockoutEnd is { } lockEnd
                    ? new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: DateTimeOffset.FromUnixTimeSeconds(lockEnd))
                    : new PasswordStepResult(PasswordStepOutcome.InvalidCredentials);
        }

        var attempt = await accounts.BeginAttemptAsync(account.Id);
        if (!attempt.Allowed)
        {
            // Same work as a real check, so a locked account does not answer faster than an open one.
            hashing.VerifyAgainstDummy(password!);
            await events.AddAsync(account.Id, portal, LoginMethods.Password, LoginOutcomes.LockedOut, client);
            return new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: attempt.LockedUntil);
        }

        var check = hashing.Verify(account.PasswordHash, password!);
        if (check == PasswordCheck.Failed)
        {
            await events.AddAsync(account.Id, portal, LoginMethods.Password, LoginOutcomes.WrongPassword, client);
            return attempt.Next.LockoutEnd is { } end
                ? new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: DateTimeOffset.FromUnixTimeSeconds(end))
                : new PasswordStepResult(PasswordStepOutcome.InvalidCredentials);
        }

        await accounts.AfterFirstFactorAsync(account.Id);
        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            await accounts.UpdatePasswordHashAsync(account.Id, hashing.Hash(password!));
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

    public Task<CodeStepResult> ConfirmEnrollmentAsync(long accountId, string? code, ClientInfo client) =>
        CheckCodeAsync(accountId, code, client, enrolling: true);

    public Task<CodeStepResult> VerifyCodeAsync(long accountId, string? code, ClientInfo client) =>
        CheckCodeAsync(accountId, code, client, enrolling: false);

    private async Task<CodeStepResult> CheckCodeAsync(long accountId, string? code, ClientInfo client, bool enrolling)
    {
        var problem = LoginInput.CheckCode(code);
        if (problem != InputProblem.None)
        {
            return new CodeStepResult(CodeStepOutcome.BadInput, Problem: problem);
        }

        var account = await accounts.GetAsync(accountId);
        var binding = await authenticators.GetAsync(accountId);
        if (account is null || binding is null || binding.IsEnrolled == enrolling)
        {
            return new CodeStepResult(CodeStepOutcome.Restart);
        }

        var attempt = await accounts.BeginAttemptAsync(accountId);
        if (!attempt.Allowed)
        {
            await events.AddAsync(accountId, account.Portal, LoginMethods.Authenticator, LoginOutcomes.LockedOut, client);
            return new CodeStepResult(CodeStepOutcome.LockedOut, LockedUntil: attempt.LockedUntil);
        }

        var step = totp.Verify(secrets.Unprotect(binding.SecretProtected), code);
        var accepted = step is { } s && (enrolling
            ? await authenticators.TryConfirmAsync(accountId, s)
            : await authenticators.TryAcceptStepAsync(accountId, s));
        if (!accepted)
        {
            var outcome = step is null ? LoginOutcomes.WrongCode : LoginOutcomes.ReplayedCode;
            await events.AddAsync(accountId, account.Portal, LoginMethods.Authenticator, outcome, client);
            return attempt.Next.LockoutEnd is { } end
                ? new CodeStepResult(CodeStepOutcome.LockedOut, LockedUntil: DateTimeOffset.FromUnixTimeSeconds(end))
                : new CodeStepResult(CodeStepOutcome.InvalidCode);
        }

        await accounts.ResetFailuresAsync(accountId);
        await events.AddAsync(accountId, account.Portal, LoginMethods.Authenticator,
            enrolling ? LoginOutcomes.Enrolled : LoginOutcomes.Success, client);
        return new CodeStepResult(CodeStepOutcome.Accepted, account);
    }
}
