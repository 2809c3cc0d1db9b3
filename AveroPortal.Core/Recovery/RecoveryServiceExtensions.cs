using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Core.Recovery;

public static class RecoveryServiceExtensions
{
    /// <summary>Recovery codes: the set, its repository and the regeneration from the settings.</summary>
    public static IServiceCollection AddAveroRecovery(this IServiceCollection services)
    {
        services.AddSingleton<RecoveryCodeRepository>();
        services.AddSingleton<RecoveryCodeSet>();
        services.AddSingleton<RecoveryCodeRegeneration>();
        return services;
    }
}
