namespace AveroPortal.Core.Login;

public sealed record ClientInfo(string? RemoteIp, string? UserAgent)
{
    public static ClientInfo Of(string? remoteIp, string? userAgent) =>
        new(remoteIp, userAgent is { Length: > 300 } ? userAgent[..300] : userAgent);
}
