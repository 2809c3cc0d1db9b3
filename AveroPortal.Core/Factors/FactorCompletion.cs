namespace AveroPortal.Core.Factors;

/// <summary>What a right check does to the lockout counter.</summary>
public enum FactorCompletion
{
    /// <summary>The proof is complete: the failures are reset.</summary>
    Complete,
    /// <summary>A first factor of a login, more comes: only this attempt is taken back (see <see cref="Login.LockoutPolicy.AfterFirstFactor"/>).</summary>
    FirstFactor,
}
