using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AveroPortal.Blazor.Operations;

/// <summary>The interactive circuits open on this instance, for the avero_circuits_open gauge.</summary>
internal sealed class CircuitCounter
{
    private long _open;

    public long Open => Interlocked.Read(ref _open);

    /// <summary>One per circuit (scoped): counts its opening and closing.</summary>
    internal sealed class Handler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref counter._open);
            return Task.CompletedTask;
        }
    }
}
