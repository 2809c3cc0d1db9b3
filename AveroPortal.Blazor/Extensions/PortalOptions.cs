using AveroPortal.Core.Configuration;

namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// Settings of the portal as a whole. Avero:PublicBaseUrl is the portal's address as customers and brokers reach it
/// (read here only; e-mail links, the eHerkenning ACS, the test brokers and the form-action policy take it from
/// here). Avero:InstanceName names this instance behind a load balancer. Avero:Seed:DemoData fills an empty
/// database with demo accounts (default: in Development only).
/// </summary>
internal sealed record PortalOptions(Uri? PublicBase, string? InstanceName = null, bool SeedDemoData = false)
{
    public const string PublicBaseUrlKey = "Avero:PublicBaseUrl";

    /// <summary>The address `dotnet run` listens on: where links from code without a page point when none is configured.</summary>
    public static readonly Uri LocalBase = new("http://localhost:5080/");

    public static PortalOptions Read(IConfiguration configuration, IHostEnvironment environment) => new(
        ConfigurationValues.Optional(configuration, PublicBaseUrlKey) is { } publicBase
            ? ConfigurationValues.AbsoluteHttpUrl(publicBase, PublicBaseUrlKey)
            : null,
        ConfigurationValues.Optional(configuration, "Avero:InstanceName"),
        ConfigurationValues.Bool(configuration, "Avero:Seed:DemoData", environment.IsDevelopment()));
}
