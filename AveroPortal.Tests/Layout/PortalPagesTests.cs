using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace AveroPortal.Tests.Layout;

public sealed class PortalPagesTests
{
    [Fact]
    public void EveryRoutablePageOfThePortalIsInTheSweep()
    {
        var routes = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .ToHashSet(StringComparer.Ordinal);
        var swept = PortalPages.All.Select(v => v.Route).ToHashSet(StringComparer.Ordinal);

        Assert.True(routes.Count > 30, $"only {routes.Count} routes found: the reflection looks in the wrong place");
        var missing = routes.Except(swept).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Pages the layout sweep does not visit (add them to PortalPages.All): " + string.Join(", ", missing));
        var stale = swept.Except(routes).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "PortalPages.All names routes the portal no longer has: " + string.Join(", ", stale));
    }
}
