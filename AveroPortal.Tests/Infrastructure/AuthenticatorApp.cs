using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// An authenticator app as a test drives it against the running portal, which accepts each time step once and only
/// the current step ±1. Every code it hands out is for a later step than the one before, within the window the
/// portal accepts even when a step boundary passes in between; when the window is used up it waits for the next step.
/// </summary>
internal sealed class AuthenticatorApp(byte[] secret)
{
    private long _lastStep = long.MinValue;

    public byte[] Secret => secret;

    /// <summary>The step of the last code handed out.</summary>
    public long LastStep => _lastStep;

    /// <param name="after">A step the code must come after as well (say, the last step the portal accepted on another app).</param>
    public async Task<string> NextCodeAsync(long after = long.MinValue)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var current = TotpPolicy.StepAt(now);
            var step = Math.Max(current, Math.Max(_lastStep, after) + 1);
            if (step <= current + 1)
            {
                _lastStep = step;
                return TotpPolicy.ComputeCode(secret, DateTimeOffset.FromUnixTimeSeconds(step * TotpPolicy.StepSeconds));
            }

            var nextStepStarts = DateTimeOffset.FromUnixTimeSeconds((current + 1) * TotpPolicy.StepSeconds);
            await Task.Delay(nextStepStarts - now + TimeSpan.FromMilliseconds(50));
        }
    }
}
