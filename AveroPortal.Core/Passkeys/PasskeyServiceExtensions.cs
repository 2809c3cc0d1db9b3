using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Core.Passkeys;

public static class PasskeyServiceExtensions
{
    /// <summary>Passkeys: options (read and validated now: a bad value stops start-up), repositories, ceremonies, login, settings.</summary>
    public static IServiceCollection AddAveroPasskeys(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        services.AddSingleton(PasskeyOptions.Read(configuration, isDevelopment));
        services.AddSingleton<PasskeyChallengeRepository>();
        services.AddSingleton<PasskeyCredentialRepository>();
        services.AddSingleton<PasskeyVerifier>();
        services.AddSingleton<PasskeyMails>();
        services.AddSingleton<PasskeyCeremonies>();
        services.AddSingleton<PasskeyLogin>();
        services.AddSingleton<PasskeySettings>();
        return services;
    }
}
