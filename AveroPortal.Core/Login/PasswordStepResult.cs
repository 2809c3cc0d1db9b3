namespace AveroPortal.Core.Login;

public sealed record PasswordStepResult(PasswordStepOutcome Outcome, Account? Account = null, bool NeedsEnrollment = false,
    DateTimeOffset? LockedUntil = null, InputProblem EmailProblem = InputProblem.None, InputProblem PasswordProblem = InputProblem.None);
