using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using Fido2NetLib;

namespace AveroPortal.Core.Factors;

/// <summary>
/// A passkey assertion. Checking is spending: a right assertion moves the credential's signature counter forward (and
/// its challenge was used up before). An unknown or removed passkey, or one of another account, is wrong; a counter
/// that did not move forward is <see cref="FactorVerdict.Replayed"/> (a possibly cloned authenticator).
/// </summary>
internal sealed class PasskeyFactor(PasskeyVerifier verifier, AuthenticatorAssertionRawResponse response, AssertionOptions options,
    PasskeyCredential? credential) : IFactor
{
    public FactorKind Kind => FactorKind.Passkey;

    /// <summary>The last check found a counter that went backwards.</summary>
    public bool CounterRegressed { get; private set; }

    public async Task<FactorVerdict> VerifyAsync()
    {
        if (credential is null)
        {
            return FactorVerdict.Wrong;
        }

        var verdict = await verifier.VerifyAssertionAsync(response, options, credential);
        CounterRegressed = verdict == AssertionVerdict.CounterRegressed;
        return verdict switch
        {
            AssertionVerdict.Right => FactorVerdict.Right,
            AssertionVerdict.CounterRegressed => FactorVerdict.Replayed,
            _ => FactorVerdict.Wrong,
        };
    }

    public void WorkWhileLockedOut()
    {
    }

    public string EventOutcome(FactorVerdict verdict) =>
        verdict == FactorVerdict.Replayed ? LoginOutcomes.PasskeyCounterRegressed : LoginOutcomes.WrongPasskey;
}
