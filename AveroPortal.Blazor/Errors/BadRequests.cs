using Microsoft.AspNetCore.Diagnostics;

namespace AveroPortal.Blazor.Errors;

/// <summary>
/// Requests the portal can not serve end on its Dutch error pages with a warning in the log that names the reason;
/// never a framework's English text, a stack trace or a 500, whatever the input. One place for every page and every
/// form endpoint; the protocol endpoints (SAML ACS, the Development test brokers) answer in their protocol's own way.
/// </summary>
internal static class BadRequests
{
    /// <summary>The first checks, before routing, the developer exception page and everything else.</summary>
    public static void AddBadRequestHandling(this IServiceCollection services)
    {
        services.AddTransient<IStartupFilter, RequestLineChecks>();
        // With AllowedHosts set, ASP.NET Core's host filter (outside every other middleware) answers a foreign Host
        // with an English HTML page ("Bad Request - Invalid Hostname"); an empty 400 says as much and no English.
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(options => options.IncludeFailureMessage = false);
    }

    /// <summary>The Dutch pages for bad requests, refused methods and framework errors: <see cref="BadRequestPages"/>.</summary>
    public static void UseBadRequestPages(this WebApplication app)
    {
        var logger = CreateLogger(app);
        app.Use((context, next) => BadRequestPages.InvokeAsync(context, next, logger));
    }

    /// <summary>Browser forms are checked before anything acts on them: <see cref="FormChecks"/>.</summary>
    public static void UseFormChecks(this WebApplication app)
    {
        var logger = CreateLogger(app);
        app.Use((context, next) => FormChecks.InvokeAsync(context, next, logger));
    }

    /// <summary>The error page's own request (re-executed for a status code or an exception) is never refused.</summary>
    public static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    // Every refusal is logged under this one category, whichever check made it.
    private static ILogger CreateLogger(WebApplication app) =>
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BadRequests).FullName!);
}
