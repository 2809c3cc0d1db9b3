using System.Globalization;
using AveroPortal.Blazor.Errors;
using AveroPortal.Blazor.Features.Login;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace AveroPortal.Blazor.Extensions;

internal static class WebExtensions
{
    public static readonly CultureInfo[] Cultures = [new("nl-NL"), new("en")];

    public static void AddAveroWeb(this WebApplicationBuilder builder, PortalOptions portal, DatabaseOptions database)
    {
        var services = builder.Services;
        services.AddSingleton(portal);
        services.AddBadRequestHandling();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            // A choice made with the language switch (the cookie) wins; otherwise the browser's language picks English
            // or Dutch, and Dutch for any other language.
            options.DefaultRequestCulture = new RequestCulture(BrowserLanguageProvider.Dutch);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguageProvider()];
        });

        // Losing these keys loses every authenticator secret, so they live with the data: next to the SQLite file, or
        // in the PostgreSQL database, where every instance of a scaled-out portal reads the same key ring.
        var dataProtection = services.AddDataProtection().SetApplicationName("AveroPortal");
        if (database.IsPostgreSql)
        {
            services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(
                provider => new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(
                    options => options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<Db>(), provider.GetRequiredService<TimeProvider>())));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(database.KeysDirectory));
        }

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionRevalidationCircuitHandler>();
        services.AddAveroAuthentication();
        services.AddAvailableLoginMethods();
        services.AddSingleton<Features.Support.PublicLinks>();
        // Security mails are sent from code without a page (password change, unlink), so their freeze links need the
        // configured address; without one (development, tests) the README's local address.
        services.AddSingleton(new Core.Freeze.FreezeLinkOptions(portal.PublicBase ?? PortalOptions.LocalBase));
    }

    /// <summary>Migrates the database on start-up and seeds demo data when configured (default on in Development only).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        if (app.Services.GetRequiredService<PortalOptions>().SeedDemoData)
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();
        }
    }

    /// <summary>Every error ends on a Dutch page; never a stack trace, also not in Development.</summary>
    public static void UseAveroErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler("/fout", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/fout/{0}", createScopeForStatusCodePages: true);
        // A re-executed request keeps its method: a failed POST (say /uitloggen without a token) would reach the
        // error page as a POST, fail its anti-forgery check again and throw. The error page is always a GET.
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && context.Features.Get<IExceptionHandlerFeature>() is null)
            {
                await next(context);
                return;
            }

            var method = context.Request.Method;
            context.Request.Method = HttpMethods.Get;
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = method;
            }
        });
        // Blazor answers a form post it can not map (an unknown form name) with an empty 400 that has a content type,
        // which the status-code pages leave alone; without the content type they show the Dutch 400 page.
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response is { StatusCode: StatusCodes.Status400BadRequest, HasStarted: false }
                && context.Response.ContentLength is null or 0
                && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                context.Response.ContentType = null;
            }
        });
        app.UseBadRequestPages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }

    /// <summary>
    /// A form post with a missing or stale anti-forgery token (a login form left open in a second tab) ends on the
    /// Dutch 400 page: answering with an empty 400 here lets the status-code pages render it, where the endpoint
    /// itself would send a blank page.
    /// </summary>
    public static void UseAntiforgeryFailurePage(this WebApplication app) => app.Use(async (context, next) =>
    {
        // The re-executed error page still carries the failed feature; it must render, not fail again.
        if (context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false }
            && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    });
}
