using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Core.Settings;

public static class SettingsServiceExtensions
{
    /// <summary>The customer's own settings: password change, authenticator replacement, sessions. Needs the login services of <c>AddAveroCore</c>.</summary>
    public static IServiceCollection AddAveroSettings(this IServiceCollection services)
    {
        services.AddSingleton<Reauthentication>();
        services.AddSingleton<FactorChangeNotifier>();
        services.AddSingleton<PasswordChange>();
        services.AddSingleton<AuthenticatorReplacementRepository>();
        services.AddSingleton<AuthenticatorReplacement>();
        services.AddSingleton<AccountSessions>();
        return services;
    }
}
