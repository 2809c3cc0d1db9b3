using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Core.Email;

public static class EmailServiceExtensions
{
    /// <summary>
    /// The outbox repository, and an <see cref="IEmailSender"/>: SMTP when <c>Avero:Smtp:Host</c> is set, otherwise
    /// the outbox table. Throws <see cref="InvalidOperationException"/> on SMTP settings that can not work.
    /// Needs <c>Db</c> and <see cref="TimeProvider"/>, which <c>AddAveroCore</c> registers.
    /// </summary>
    public static IServiceCollection AddAveroEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var options = SmtpOptions.Read(configuration);

        services.AddSingleton<OutboxRepository>();
        if (options.HasHost)
        {
            services.AddSingleton(options);
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, OutboxEmailSender>();
        }

        return services;
    }
}
