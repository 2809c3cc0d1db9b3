using AveroPortal.Core.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AveroPortal.Blazor.Sessions;

/// <summary>An open interactive page has no requests to check, so its circuit re-checks the session (every 30 seconds by default).</summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionRepository sessions, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval { get; } =
        TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Avero:Security:SessionRevalidationSeconds", 30), 1, 300));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await SessionCookie.IsValidAsync(sessions, authenticationState.User) is not null;
}
