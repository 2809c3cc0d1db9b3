using AveroPortal.Core.Cleanup;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Support;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using AveroPortal.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Core;

public static class CoreServiceExtensions
{
    /// <summary>Database, repositories and login policies. Fails fast on configuration that can not work.</summary>
    public static IServiceCollection AddAveroCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseOptionsFrom(configuration, contentRoot);

        var iterations = configuration.GetValue("Avero:Security:PasswordHashIterations", PasswordHashing.MinimumIterations);
        if (iterations < PasswordHashing.MinimumIterations)
        {
            throw new InvalidOperationException(
                $"Avero:Security:PasswordHashIterations is {iterations}; minimaal {PasswordHashing.MinimumIterations} is vereist.");
        }

        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Db>();
        services.AddAveroEmail(configuration);
        services.AddSingleton<Migrator>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<CustomerRepository>();
        services.AddSingleton<AccountRepository>();
        services.AddSingleton<ProtectedKeys>();
        services.AddSingleton<UnknownAddressAttempts>();
        services.AddSingleton<AuthenticatorRepository>();
        services.AddSingleton<LoginEventRepository>();
        services.AddSingleton<SessionRepository>();
        services.AddSingleton<AuthenticatorSecrets>();
        services.AddSingleton(new PasswordHashing(iterations));
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
        services.AddSingleton<AgentRateLimiter>();
        services.AddSingleton<SupportActions>();
        services.AddSingleton<StaffAdministration>();
        services.AddSingleton<Idin.IdinRepository>();
        services.AddAveroSettings();
        services.AddSingleton<Colleagues.ColleagueRepository>();
        services.AddSingleton<Colleagues.ColleagueAdministration>();
        services.AddSingleton(CleanupOptionsFrom(configuration));
        services.AddSingleton<OneTimeRecordCleanup>();
        services.AddHostedService<OneTimeRecordCleanupService>();
        return services;
    }

    private static CleanupOptions CleanupOptionsFrom(IConfiguration configuration)
    {
        var value = configuration["Avero:Cleanup:IntervalMinutes"];
        var minutes = CleanupOptions.DefaultIntervalMinutes;
        if (!string.IsNullOrWhiteSpace(value)
            && (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out minutes)
                || minutes < 1 || minutes > CleanupOptions.MaxIntervalMinutes))
        {
            throw new InvalidOperationException(
                $"Avero:Cleanup:IntervalMinutes is '{value}'; kies een heel aantal minuten van 1 tot en met {CleanupOptions.MaxIntervalMinutes}.");
        }

        return new CleanupOptions(TimeSpan.FromMinutes(minutes));
    }

    /// <summary>Avero:Database:Provider (Sqlite, the default, or PostgreSql) with its Path or ConnectionString.</summary>
    private static DatabaseOptions DatabaseOptionsFrom(IConfiguration configuration, string contentRoot)
    {
        var providerName = configuration["Avero:Database:Provider"];
        // Named values only: Enum.TryParse would take "1" for PostgreSql.
        var provider = Configuration.ConfigurationValues.NamedEnum(providerName, "Avero:Database:Provider", DatabaseProvider.Sqlite);

        if (provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = configuration["Avero:Database:ConnectionString"];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Configuratie ontbreekt: Avero:Database:ConnectionString (PostgreSQL-verbinding).");
            }

            return DatabaseOptions.ForPostgreSql(connectionString);
        }

        var path = configuration["Avero:Database:Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException("Configuratie ontbreekt: Avero:Database:Path (pad naar het SQLite-bestand).");
        }

        // A relative path is taken from the app's folder, not from wherever the process was started.
        return new DatabaseOptions(Path.GetFullPath(path, contentRoot));
    }
}
