namespace AveroPortal.Core.Login;

/// <summary>What <see cref="LockoutPolicy.BeginAttempt"/> decided.</summary>
public readonly record struct AttemptDecision(bool Allowed, LockoutState Next, DateTimeOffset? LockedUntil);
