using AveroPortal.Blazor.Features.Login;
using AveroPortal.Core;
using AveroPortal.Core.Freeze;
using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AveroPortal.Tests.Infrastructure;

internal static class TestServiceExtensions
{
    /// <summary>What the portal's components need in bUnit: MudBlazor, the real texts and the Core registrations.</summary>
    public static void AddTestServices(this BunitContext context)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddMudServices();
        services.AddLocalization(options => options.ResourcesPath = "Resources");

        // Every component in the Login folder injects PasswordLogin and AccountRepository through its _Imports.
        // The components under test never call them, so the database file is never created.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Avero:Database:Path"] = "never-opened.db" })
            .Build();
        services.AddAveroCore(configuration, Path.GetTempPath());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        // The web project registers the public address freeze links are built on.
        services.AddSingleton(new FreezeLinkOptions(new Uri("https://portaal.example/")));
        services.AddAvailableLoginMethods();
    }
}
