namespace AveroPortal.Core.Login;

/// <summary>The counter state stored on an account (and on an address without one, see <see cref="UnknownAddressAttempts"/>).</summary>
public readonly record struct LockoutState(int FailedCount, long? LockoutEnd, long? LastFailedAt = null);
