using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AveroPortal.Blazor.DevBrokers.Idin;

internal static class IdinTestBrokerSetup
{
    /// <summary>Registers the Development-only test broker; it reads the IdinOptions singleton the caller registers.</summary>
    public static void AddIdinTestBroker(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdinTestBroker>();
    }
}
