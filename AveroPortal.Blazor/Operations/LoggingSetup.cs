using AveroPortal.Core.Configuration;
using AveroPortal.Core.Login;

namespace AveroPortal.Blazor.Operations;

/// <summary>Avero:Logging:Format: Text (the default console) or Json (one JSON object a line, for a log collector).</summary>
internal static class LoggingSetup
{
    internal enum LogFormat { Text, Json }

    public static void AddAveroLogging(this WebApplicationBuilder builder)
    {
        if (ConfigurationValues.NamedEnum(builder.Configuration, "Avero:Logging:Format", LogFormat.Text) == LogFormat.Json)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.IncludeScopes = false;
                options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }

        // The framework's request lines carry query strings, and those carry reset, freeze and invitation tokens, a
        // SAML artifact and the iDIN code: never below Warning, whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // The host setting that decides a password check's cost, said once at start-up (PasswordHashingAtStartup).
        builder.Services.AddHostedService(services => new PasswordHashingAtStartup(
            services.GetRequiredService<PasswordHashing>(), services.GetRequiredService<ILogger<PasswordHashingAtStartup>>()));
    }
}
