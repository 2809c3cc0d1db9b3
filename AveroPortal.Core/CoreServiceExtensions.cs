using AveroPortal.Core.Cleanup;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using AveroPortal.Core.PasswordReset;
using AveroPortal.Core.Policies;
using AveroPortal.Core.Recovery;
using AveroPortal.Core.Sessions;
using AveroPortal.Core.Settings;
using AveroPortal.Core.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Core;

public static class CoreServiceExtensions
{
    /// <summary>Database, repositories and login policies. Fails fast on configuration that can not work.</summary>
    public static IServiceCollection AddAveroCore(this IServiceCollection services, IConfiguration configuration, string contentRoot) =>
        services.AddAveroCore(configuration, DatabaseOptions.Read(configuration, contentRoot), SecurityOptions.Read(configuration));

    /// <summary>
    /// As above, with the database and security options the web app has already read (it needs them itself too).
    /// Registers both as singletons.
    /// </summary>
    public static IServiceCollection AddAveroCore(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database, SecurityOptions security)
    {
        services.AddSingleton(security);
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Db>();
        services.AddAveroEmail(configuration);
        services.AddSingleton<Migrator>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<CustomerRepository>();
        services.AddSingleton<PolicyRepository>();
        services.AddSingleton<AccountRepository>();
        services.AddSingleton<ProtectedKeys>();
        services.AddSingleton<UnknownAddressAttempts>();
        services.AddSingleton<AuthenticatorRepository>();
        services.AddSingleton<LoginEventRepository>();
        services.AddSingleton<SessionRepository>();
        services.AddSingleton<AuthenticatorSecrets>();
        services.AddSingleton(_ => new PasswordHashing(security.PasswordHashing));
        services.AddSingleton<PasswordRules>();
        services.AddSingleton<LockoutPolicy>();
        services.AddSingleton<TotpPolicy>();
        services.AddSingleton<PendingLoginRepository>();
        services.AddSingleton<FactorCheck>();
        services.AddSingleton<PasswordLogin>();
        services.AddSingleton<InvitationRepository>();
        services.AddSingleton<InvitationAcceptance>();
        services.AddSingleton<SupportAuditRepository>();
        services.AddSingleton<CustomerSearch>();
        // One rate-limit concept, two counters: the shared database's with PostgreSQL (several instances), this process's with SQLite.
        services.AddSingleton<RateLimits.IRateLimitCounter>(provider => database.IsPostgreSql
            ? new RateLimits.DatabaseRateLimitCounter(provider.GetRequiredService<Db>(), provider.GetRequiredService<TimeProvider>())
            : new RateLimits.InProcessRateLimitCounter());
        services.AddSingleton<AgentRateLimiter>();
        services.AddSingleton<Freeze.FreezeLinks>();
        services.AddSingleton<Freeze.AccountFreeze>();
        services.AddSingleton<SupportActions>();
        services.AddSingleton<StaffAdministration>();
        services.AddSingleton<Idin.IdinRepository>();
        services.AddAveroSettings();
        services.AddAveroPasswordReset();
        services.AddAveroRecovery();
        services.AddAveroPasskeys(configuration, IsDevelopmentOrTesting(configuration));
        services.AddSingleton<Colleagues.ColleagueRepository>();
        services.AddSingleton<Colleagues.CompanyAuditRepository>();
        services.AddSingleton<Colleagues.ColleagueAdministration>();
        services.AddSingleton(CleanupOptions.Read(configuration));
        services.AddSingleton<OneTimeRecordCleanup>();
        services.AddHostedService<OneTimeRecordCleanupService>();
        return services;
    }

    /// <summary>The host's environment as the web host puts it in configuration ("Testing" is the test host's: loopback like Development).</summary>
    private static bool IsDevelopmentOrTesting(IConfiguration configuration) =>
        configuration[Microsoft.Extensions.Hosting.HostDefaults.EnvironmentKey] is { } environment
        && (environment.Equals("Development", StringComparison.OrdinalIgnoreCase) || environment.Equals("Testing", StringComparison.OrdinalIgnoreCase));
}
