namespace AveroPortal.Core.Login;

public sealed record CodeStepResult(CodeStepOutcome Outcome, Account? Account = null, DateTimeOffset? LockedUntil = null, InputProblem Problem = InputProblem.None);
