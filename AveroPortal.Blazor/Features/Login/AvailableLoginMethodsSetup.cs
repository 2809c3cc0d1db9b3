using AveroPortal.Blazor.DevBrokers.EHerkenning;
using AveroPortal.Blazor.DevBrokers.Idin;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Core.Idin;

namespace AveroPortal.Blazor.Features.Login;

internal static class AvailableLoginMethodsSetup
{
    /// <summary>
    /// Resolved on first use, after every feature registered (or did not register) its own services: the one place
    /// that asks whether they are there.
    /// </summary>
    public static IServiceCollection AddAvailableLoginMethods(this IServiceCollection services) =>
        services.AddSingleton(provider => new AvailableLoginMethods(
            provider.GetService<EHerkenningOptions>(),
            provider.GetService<IdinOptions>(),
            provider.GetService<IdinLogin>(),
            provider.GetService<TestBroker>(),
            provider.GetService<IdinTestBroker>() is not null));
}
