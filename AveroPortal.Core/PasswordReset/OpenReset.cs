namespace AveroPortal.Core.PasswordReset;

/// <summary>A stored reset link as read, before its state is judged.</summary>
internal sealed record OpenReset(long? AccountId, long ExpiresAt, long? FactorPassedAt, long? UsedAt, bool StampMatches, bool AccountDisabled, bool Enrolled);
