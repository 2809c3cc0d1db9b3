namespace AveroPortal.Core.Passkeys;

/// <summary>A passkey as the customer's settings and the Supportdesk show it: never key material.</summary>
/// <param name="CounterRegressed">An assertion came with a counter that went backwards: possibly a cloned authenticator.</param>
public sealed record PasskeySummary(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool CounterRegressed);

public enum PasskeyChangeOutcome
{
    Done,
    BadInput,
    NotFound,
}
