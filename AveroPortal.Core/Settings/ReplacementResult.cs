using AveroPortal.Core.Login;

namespace AveroPortal.Core.Settings;

public sealed record ReplacementResult(
    ReplacementOutcome Outcome,
    Enrollment? Enrollment = null,
    InputProblem Problem = InputProblem.None,
    DateTimeOffset? LockedUntil = null,
    bool Notified = false);
