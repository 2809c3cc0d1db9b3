using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AveroPortal.Blazor.Sessions;

/// <summary>An open interactive page has no requests to check, so its circuit re-checks the session (Avero:Security:SessionRevalidationSeconds, 30 by default).</summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, SessionRepository sessions, SecurityOptions security)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval { get; } = security.SessionRevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await SessionCookie.IsValidAsync(sessions, authenticationState.User) is not null;
}
