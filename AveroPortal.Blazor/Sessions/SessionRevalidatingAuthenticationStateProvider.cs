using System.Security.Claims;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace AveroPortal.Blazor.Sessions;

/// <summary>
/// An open interactive page has no requests to check, so its circuit re-checks the session
/// (Avero:Security:SessionRevalidationSeconds, 30 by default). Only a circuit: the framework's
/// RevalidatingServerAuthenticationStateProvider starts its loop as soon as any renderer sets the state, so every
/// static render and prerender started a loop and cancelled it again at the end of the request (a
/// TaskCanceledException per signed-in page). <see cref="SessionRevalidationCircuitHandler"/> starts this one when a
/// circuit opens; a PeriodicTimer ends without an exception when the scope disposes it.
/// </summary>
internal sealed class SessionRevalidatingAuthenticationStateProvider(SessionRepository sessions, SecurityOptions security,
    ILogger<SessionRevalidatingAuthenticationStateProvider> logger) : ServerAuthenticationStateProvider, IDisposable
{
    private PeriodicTimer? _timer;

    public void StartRevalidating()
    {
        if (_timer is not null)
        {
            return;
        }

        _timer = new PeriodicTimer(security.SessionRevalidationInterval);
        _ = RevalidateAsync(_timer);
    }

    private async Task RevalidateAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated != true)
            {
                continue;
            }

            bool valid;
            try
            {
                valid = await SessionCookie.IsValidAsync(sessions, state.User) is not null;
            }
            catch (Exception e)
            {
                // As the framework's provider does: a check that fails ends the page's sign-in rather than keeping it.
                logger.LogError(e, "The session check of an open page failed; the page is signed out.");
                valid = false;
            }

            if (!valid)
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
    }

    public void Dispose() => _timer?.Dispose();
}
