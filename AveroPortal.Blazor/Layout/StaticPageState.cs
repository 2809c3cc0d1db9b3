using Microsoft.AspNetCore.Components;

namespace AveroPortal.Blazor.Layout;

/// <summary>
/// A static page (<see cref="ExcludeFromInteractiveRoutingAttribute"/>, no circuit) writes no persisted component
/// state. The framework writes <c>&lt;!--Blazor-Server-Component-State:...--&gt;</c> at the end of every page of an
/// app with the interactive server mode, and persisting it asks the anti-forgery service for a token: every static
/// page generated a token pair, set the anti-forgery cookie and encrypted both plus the state (three Data Protection
/// operations, about 1.2 KB of HTML), for a page without a form and without a circuit to read it. A form on a static
/// page still gets its token and cookie from its own &lt;AntiforgeryToken/&gt;; an interactive page keeps its state.
/// </summary>
internal static class StaticPageState
{
    /// <summary>
    /// The framework writes the state only when the endpoint's configured render modes metadata names one; the
    /// metadata type is internal, so the empty one is made from the instance the endpoint already carries. When a
    /// framework version renames it, nothing changes here and <c>StaticPageStateTests</c> fails.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder WithoutStateOnStaticPages(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<ExcludeFromInteractiveRoutingAttribute>().Any()
                || endpoint.Metadata.LastOrDefault(m => m?.GetType().Name == "ConfiguredRenderModesMetadata") is not { } configured)
            {
                return;
            }

            endpoint.Metadata.Add(Activator.CreateInstance(configured.GetType(), [Array.Empty<IComponentRenderMode>()])!);
        });
        return builder;
    }
}
