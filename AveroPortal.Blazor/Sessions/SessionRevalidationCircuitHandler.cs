using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AveroPortal.Blazor.Sessions;

/// <summary>Starts the session re-check when a circuit opens: static renders and prerenders never open one.</summary>
internal sealed class SessionRevalidationCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        (authentication as SessionRevalidatingAuthenticationStateProvider)?.StartRevalidating();
        return Task.CompletedTask;
    }
}
