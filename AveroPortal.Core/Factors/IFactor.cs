namespace AveroPortal.Core.Factors;

/// <summary>
/// One proof a customer gives (a password, an authenticator code; later a recovery code or a passkey). A factor only
/// says whether the proof is right: counting, lockout and the login events are <see cref="FactorCheck"/>'s.
/// </summary>
public interface IFactor
{
    FactorKind Kind { get; }

    /// <summary>Checks the proof, and spends it when it is single-use: a proof that was already spent is <see cref="FactorVerdict.Replayed"/>.</summary>
    Task<FactorVerdict> VerifyAsync();

    /// <summary>The same work as <see cref="VerifyAsync"/> without a result, where a locked account must not answer faster than an open one.</summary>
    void WorkWhileLockedOut();

    /// <summary>The login event outcome of a proof that was not accepted.</summary>
    string EventOutcome(FactorVerdict verdict);
}
