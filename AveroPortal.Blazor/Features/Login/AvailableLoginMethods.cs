using AveroPortal.Blazor.DevBrokers.EHerkenning;
using AveroPortal.Blazor.DevBrokers.Idin;
using AveroPortal.Blazor.Features.Idin;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Core.Idin;

namespace AveroPortal.Blazor.Features.Login;

/// <summary>
/// Which login methods this portal offers: eHerkenning and iDIN are on when configured (their options are then
/// present), the test brokers only in Development. Always registered, so a page asks this instead of probing the
/// service provider.
/// </summary>
internal sealed record AvailableLoginMethods(
    EHerkenningOptions? EHerkenning,
    IdinOptions? Idin,
    IdinLogin? IdinLogin,
    TestBroker? EHerkenningTestBroker,
    bool IdinTestBrokerOn)
{
    public bool EHerkenningOn => EHerkenning is not null;

    public bool IdinOn => Idin is not null;

    public bool EHerkenningTestBrokerOn => EHerkenningTestBroker is not null;
}

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
