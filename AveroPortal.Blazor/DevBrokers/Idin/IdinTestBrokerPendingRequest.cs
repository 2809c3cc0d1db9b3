namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <param name="Handle">Random, single use, and the only way to answer this request: it is also the form's CSRF token.</param>
/// <param name="BankName">What the simulator shows as the chosen bank; null when the portal sent none.</param>
internal sealed record IdinTestBrokerPendingRequest(string Handle, string ClientId, string RedirectUri, string? State, string? Nonce,
    string CodeChallenge, string? BankName, DateTimeOffset ReceivedAt);
