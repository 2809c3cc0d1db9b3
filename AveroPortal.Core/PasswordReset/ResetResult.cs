using AveroPortal.Core.Login;

namespace AveroPortal.Core.PasswordReset;

public sealed record ResetResult(
    ResetOutcome Outcome,
    ResetLinkState Link = ResetLinkState.Unknown,
    InputProblem InputProblem = InputProblem.None,
    PasswordProblem Problem = PasswordProblem.None,
    DateTimeOffset? LockedUntil = null,
    string? Portal = null,
    int? RecoveryCodesLeft = null);
