namespace AveroPortal.Core.Login;

/// <param name="RecoveryCodes">After a confirmed enrollment: the account's first recovery codes, to be shown once.</param>
/// <param name="RecoveryCodesLeft">After a login with a recovery code: how many unused codes the account has left.</param>
/// <param name="PasskeyCounterRegressed">A refused passkey whose signature counter went backwards (a possibly cloned authenticator): the customer is sent to the Supportdesk.</param>
public sealed record CodeStepResult(CodeStepOutcome Outcome, Account? Account = null, DateTimeOffset? LockedUntil = null, InputProblem Problem = InputProblem.None,
    IReadOnlyList<string>? RecoveryCodes = null, int? RecoveryCodesLeft = null, bool PasskeyCounterRegressed = false);
