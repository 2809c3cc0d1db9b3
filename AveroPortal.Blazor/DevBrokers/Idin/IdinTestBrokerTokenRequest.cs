namespace AveroPortal.Blazor.DevBrokers.Idin;

internal sealed record IdinTestBrokerTokenRequest(string? GrantType, string? Code, string? RedirectUri, string? CodeVerifier, string? ClientId, string? ClientSecret);
