using AveroPortal.Core.Login;

namespace AveroPortal.Core.Settings;

public sealed record PasswordChangeResult(
    PasswordChangeOutcome Outcome,
    InputProblem CurrentPasswordProblem = InputProblem.None,
    InputProblem CodeProblem = InputProblem.None,
    InputProblem NewPasswordProblem = InputProblem.None,
    InputProblem RepeatProblem = InputProblem.None,
    PasswordProblem RuleProblem = PasswordProblem.None,
    DateTimeOffset? LockedUntil = null,
    bool Notified = false);
