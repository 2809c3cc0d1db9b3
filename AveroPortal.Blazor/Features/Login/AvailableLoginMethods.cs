using AveroPortal.Blazor.DevBrokers.EHerkenning;
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
