namespace AveroPortal.Benchmarks.Login;

/// <summary>A clock the benchmark moves one TOTP step per verification, so every verification is a fresh, accepted code.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
