using AveroPortal.Core.Login;

namespace AveroPortal.Core.Recovery;

/// <param name="Codes">The new codes, grouped, to be shown once; null unless <see cref="RegenerationOutcome.Done"/>.</param>
public sealed record RegenerationResult(RegenerationOutcome Outcome, IReadOnlyList<string>? Codes = null, bool Notified = false,
    DateTimeOffset? LockedUntil = null, InputProblem Problem = InputProblem.None);
