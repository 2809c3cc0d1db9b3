namespace AveroPortal.Core.Support;

public sealed record SupportResult(SupportOutcome Outcome, SupportInputProblem Problem = SupportInputProblem.None);
