namespace AveroPortal.Blazor.Features.Passkeys;

/// <summary>What passkeys.js writes into a passkey form's hidden fields: the challenge it answered and the credential as JSON.</summary>
public sealed class PasskeyInput
{
    public string? ChallengeId { get; set; }

    public string? Response { get; set; }

    /// <summary>Only when adding a passkey: the customer's name for it.</summary>
    public string? Name { get; set; }
}
