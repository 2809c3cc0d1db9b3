namespace AveroPortal.Core.Login;

/// <summary>
/// The SQL of one lockout counter. <c>Read</c> selects FailedCount, LockoutEnd and LastFailedAt; <c>Write</c> sets
/// @NewCount, @NewEnd, @NewLast (and may use @ExpiresAt) only where the row still holds @OldCount, @OldEnd and
/// @OldLast (NULLs as -1); <c>Insert</c>, when a missing row means a fresh counter, adds one and does nothing on a
/// conflict.
/// </summary>
internal sealed record LockoutCounterSql(string Read, string Write, string? Insert = null);
