using AveroPortal.Core.Email;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;

namespace AveroPortal.Core.PasswordReset;

/// <summary>
/// What a reset link may do, step by step. The link alone never resets an account with an enrolled authenticator
/// (ASVS 5.0 6.4.3): first the factor, through <see cref="FactorCheck"/> on the account's own lockout (a wrong code
/// counts, a replayed code fails), then a new password under <see cref="PasswordRules"/>. An account without an
/// enrolled authenticator (never enrolled, or unlinked by the Supportdesk) resets with the link alone and enrolls at
/// its next login, as at a first login. No sign-in follows: every session ends and the customer logs in anew.
/// </summary>
public sealed class PasswordResetLink
{
    private readonly PasswordResetRepository _resets;
    private readonly AccountRepository _accounts;
    private readonly AuthenticatorRepository _authenticators;
    private readonly AuthenticatorSecrets _secrets;
    private readonly TotpPolicy _totp;
    private readonly FactorCheck _factorCheck;
    private readonly PasswordRules _rules;
    private readonly PasswordHashing _hashing;
    private readonly LoginEventRepository _events;
    private readonly PasswordResetMails _mails;
    private readonly FreezeLinks _freezeLinks;
    private readonly RecoveryCodeSet _recoveryCodes;
    private readonly TimeProvider _clock;

    internal PasswordResetLink(PasswordResetRepository resets, AccountRepository accounts, AuthenticatorRepository authenticators,
        AuthenticatorSecrets secrets, TotpPolicy totp, FactorCheck factorCheck, PasswordRules rules, PasswordHashing hashing,
        LoginEventRepository events, PasswordResetMails mails, FreezeLinks freezeLinks, RecoveryCodeSet recoveryCodes, TimeProvider clock)
    {
        (_resets, _accounts, _authenticators, _secrets, _totp, _factorCheck) = (resets, accounts, authenticators, secrets, totp, factorCheck);
        (_rules, _hashing, _events, _mails, _freezeLinks, _recoveryCodes, _clock) = (rules, hashing, events, mails, freezeLinks, recoveryCodes, clock);
    }

    public async Task<ResetLinkState> StateAsync(string? token)
    {
        if (!PasswordResetTokens.LooksValid(token) || await _resets.FindAsync(token!) is not { AccountId: not null } reset)
        {
            return ResetLinkState.Unknown;
        }

        if (reset.UsedAt is not null || !reset.StampMatches || reset.AccountDisabled)
        {
            return ResetLinkState.Used;
        }

        if (reset.ExpiresAt <= _clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return ResetLinkState.Expired;
        }

        return reset.FactorPassedAt is null && reset.Enrolled ? ResetLinkState.NeedsFactor : ResetLinkState.NeedsPassword;
    }

    /// <summary>
    /// The portal of the account whose password this link set, for the done page; null for any other link. The done
    /// page thus only says "your password is changed" after a reset that happened, in the browser that did it.
    /// </summary>
    public async Task<string?> CompletedPortalAsync(string? token)
    {
        if (!PasswordResetTokens.LooksValid(token) || await _resets.FindAsync(token!) is not { AccountId: { } id, UsedAt: { } usedAt }
            || usedAt < _clock.GetUtcNow().Subtract(PasswordResetTokens.Lifetime).ToUnixTimeSeconds())
        {
            return null;
        }

        return (await _accounts.GetAsync(id))?.Portal;
    }

    /// <summary>The factor step with an authenticator code.</summary>
    public async Task<ResetResult> VerifyFactorAsync(string? token, string? code, ClientInfo client)
    {
        var problem = LoginInput.CheckCode(code);
        return await VerifyAsync(token, problem, client, (account, binding) => Task.FromResult<IFactor>(
            new AuthenticatorFactor(_totp, _secrets, binding.SecretProtected, code, step => _authenticators.TryAcceptStepAsync(account.Id, step))));
    }

    /// <summary>
    /// The factor step with a recovery code ("Ik heb mijn telefoon niet bij me"): the same check, lockout and claim on
    /// the link as <see cref="VerifyFactorAsync"/>. The code is spent when it is right, and the customer gets the
    /// recovery-code mail (with how many are left and the "Dit was ik niet" link), as after a login with one.
    /// </summary>
    public async Task<ResetResult> VerifyRecoveryCodeAsync(string? token, string? recoveryCode, ClientInfo client)
    {
        string? normalised = null;
        var problem = string.IsNullOrWhiteSpace(recoveryCode) ? InputProblem.Missing
            : (normalised = RecoveryCodes.Normalize(recoveryCode)) is null ? InputProblem.InvalidCode : InputProblem.None;
        var result = await VerifyAsync(token, problem, client, (account, _) => _recoveryCodes.FactorAsync(account.Id, normalised!));
        if (result.Outcome == ResetOutcome.FactorAccepted && await _resets.FindAsync(token!) is { AccountId: { } id }
            && await _accounts.GetAsync(id) is { } account)
        {
            var left = await _recoveryCodes.CountUnusedAsync(account.Id);
            await _recoveryCodes.TryNotifyUsedAsync(account, left);
            return result with { RecoveryCodesLeft = left };
        }

        return result;
    }

    /// <summary>
    /// The ritual of both factor kinds: the link must wait for a factor, bad input changes nothing, then one factor
    /// through <see cref="FactorCheck"/> on the account's lockout, with the link's factor step as the claim.
    /// </summary>
    private async Task<ResetResult> VerifyAsync(string? token, InputProblem problem, ClientInfo client,
        Func<Account, AuthenticatorBinding, Task<IFactor>> factorFor)
    {
        var state = await StateAsync(token);
        if (state != ResetLinkState.NeedsFactor)
        {
            return new ResetResult(ResetOutcome.InvalidLink, state);
        }

        if (problem != InputProblem.None)
        {
            return new ResetResult(ResetOutcome.BadInput, state, InputProblem: problem);
        }

        var reset = await _resets.FindAsync(token!);
        var account = reset?.AccountId is { } id ? await _accounts.GetAsync(id) : null;
        var binding = account is null ? null : await _authenticators.GetAsync(account.Id);
        if (account is null || binding is not { IsEnrolled: true })
        {
            return new ResetResult(ResetOutcome.InvalidLink, ResetLinkState.Unknown);
        }

        var factor = await factorFor(account, binding);
        var check = await _factorCheck.CheckAsync(new FactorAttempt(account.Id, account.Portal, PasswordResetEvents.Method, client), [factor],
            claim: () => _resets.TryPassFactorAsync(token!, account.Id));
        switch (check.Outcome)
        {
            case FactorOutcome.Accepted:
                await _events.AddAsync(account.Id, account.Portal, PasswordResetEvents.Method, PasswordResetEvents.FactorAccepted, client);
                return new ResetResult(ResetOutcome.FactorAccepted, ResetLinkState.NeedsPassword);
            case FactorOutcome.LockedOut:
                return new ResetResult(ResetOutcome.LockedOut, ResetLinkState.NeedsFactor, LockedUntil: check.LockedUntil);
            case FactorOutcome.ClaimLost:
                return new ResetResult(ResetOutcome.InvalidLink, await StateAsync(token));
            default:
                return new ResetResult(ResetOutcome.InvalidCode, ResetLinkState.NeedsFactor);
        }
    }

    /// <summary>The new password: rules first (they count nothing), then the link is used up in one transaction with the change.</summary>
    public async Task<ResetResult> SetPasswordAsync(string? token, string? password, string? repeat, ClientInfo client)
    {
        var state = await StateAsync(token);
        if (state != ResetLinkState.NeedsPassword)
        {
            // Among them an enrolled account whose factor was not given: the link alone never sets a password.
            return new ResetResult(ResetOutcome.InvalidLink, state);
        }

        var problem = LoginInput.CheckPassword(password);
        if (problem == InputProblem.None)
        {
            problem = LoginInput.CheckPassword(repeat);
        }

        if (problem != InputProblem.None)
        {
            return new ResetResult(ResetOutcome.BadInput, state, InputProblem: problem);
        }

        if (await _resets.FindAsync(token!) is not { AccountId: { } accountId } || await _accounts.GetAsync(accountId) is not { } account)
        {
            return new ResetResult(ResetOutcome.InvalidLink, ResetLinkState.Unknown);
        }

        var rule = _rules.Check(password!, account.Email);
        if (rule != PasswordProblem.None)
        {
            return new ResetResult(ResetOutcome.PasswordRejected, ResetLinkState.NeedsPassword, Problem: rule);
        }

        if (password != repeat)
        {
            return new ResetResult(ResetOutcome.PasswordsDiffer, ResetLinkState.NeedsPassword);
        }

        if (!await _resets.TryCompleteAsync(token!, account.Id, await _hashing.HashAsync(password!), AccountRepository.NewSecurityStamp()))
        {
            return new ResetResult(ResetOutcome.InvalidLink, await StateAsync(token));
        }

        await _events.AddAsync(account.Id, account.Portal, PasswordResetEvents.Method, PasswordResetEvents.PasswordReset, client);
        var freeze = await _freezeLinks.CreateAsync(account.Id, FreezeReasons.PasswordReset);
        _mails.Enqueue(EmailTemplates.PasswordResetDone(account.Email, account.DisplayName, _clock.GetUtcNow(), freeze));
        return new ResetResult(ResetOutcome.PasswordSet, ResetLinkState.Used, Portal: account.Portal);
    }
}
