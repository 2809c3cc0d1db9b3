using AveroPortal.Core.Email;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.PasswordReset;

public static class PasswordResetServiceExtensions
{
    /// <summary>"Wachtwoord vergeten?": the request, the link's steps and the mail queue. Needs the login services of <c>AddAveroCore</c>.</summary>
    public static IServiceCollection AddAveroPasswordReset(this IServiceCollection services)
    {
        services.AddSingleton<PasswordResetRepository>();
        services.AddSingleton<ResetAddressLimit>();
        services.AddSingleton(s => new PasswordResetMails(s.GetRequiredService<IEmailSender>(), s.GetRequiredService<ILogger<PasswordResetMails>>()));
        services.AddHostedService(s => s.GetRequiredService<PasswordResetMails>());
        services.AddSingleton(s => new ForgottenPassword(s.GetRequiredService<AccountRepository>(), s.GetRequiredService<PasswordResetRepository>(),
            s.GetRequiredService<ResetAddressLimit>(), s.GetRequiredService<PasswordResetMails>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new PasswordResetLink(s.GetRequiredService<PasswordResetRepository>(), s.GetRequiredService<AccountRepository>(),
            s.GetRequiredService<AuthenticatorRepository>(), s.GetRequiredService<AuthenticatorSecrets>(), s.GetRequiredService<TotpPolicy>(),
            s.GetRequiredService<FactorCheck>(), s.GetRequiredService<PasswordRules>(), s.GetRequiredService<PasswordHashing>(),
            s.GetRequiredService<LoginEventRepository>(), s.GetRequiredService<PasswordResetMails>(), s.GetRequiredService<FreezeLinks>(),
            s.GetRequiredService<RecoveryCodeSet>(), s.GetRequiredService<TimeProvider>()));
        return services;
    }
}
