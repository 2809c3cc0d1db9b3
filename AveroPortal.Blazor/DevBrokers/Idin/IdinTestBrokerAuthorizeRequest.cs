namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <param name="BankHint">The value of the configured bank parameter, if the request had it.</param>
internal sealed record IdinTestBrokerAuthorizeRequest(string? ClientId, string? RedirectUri, string? ResponseType, string? Scope, string? State,
    string? Nonce, string? CodeChallenge, string? CodeChallengeMethod, string? BankHint);
