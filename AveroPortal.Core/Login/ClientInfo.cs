namespace AveroPortal.Core.Login;

/// <summary>Where an attempt came from, for the login history; <see cref="Of"/> caps the user agent as stored.</summary>
public sealed record ClientInfo(string? RemoteIp, string? UserAgent)
{
    public static ClientInfo Of(string? remoteIp, string? userAgent) =>
        new(remoteIp, userAgent is { Length: > 300 } ? userAgent[..300] : userAgent);
}
