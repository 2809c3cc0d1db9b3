using AveroPortal.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AveroPortal.Blazor.Operations;

/// <summary>
/// /health/live (the process answers) and /health/ready (database, migrations, key ring, eHerkenning metadata) for
/// the load balancer. They are short-circuited right after routing: no rate limit, authentication, anti-forgery, form
/// checks or error pages stand in the way, and a failing dependency answers 503 instead of the Dutch error page.
/// </summary>
internal static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static void AddAveroHealthChecks(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        var checks = builder.Services.AddHealthChecks();
        if (database.IsPostgreSql)
        {
            // The served package's check: the server answers a query on a connection of its own.
            checks.AddNpgSql(database.ConnectionString, name: "postgresql", tags: [Ready]);
        }

        checks.AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        checks.AddCheck<KeyRingHealthCheck>("data-protection", tags: [Ready]);
        checks.AddCheck<BrokerMetadataHealthCheck>("eherkenning-metadata", tags: [Ready]);
    }

    public static void MapAveroHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WritePlainTextAsync }).ShortCircuit();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WritePlainTextAsync })
            .ShortCircuit();
    }

    /// <summary>The overall status, then one line per check with its status only: exception texts stay in the log.</summary>
    private static Task WritePlainTextAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var lines = report.Entries.Select(entry => $"{entry.Key}: {entry.Value.Status}").Prepend(report.Status.ToString());
        return context.Response.WriteAsync(string.Join('\n', lines) + "\n");
    }
}
