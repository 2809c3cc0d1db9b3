using AveroPortal.Core.Configuration;
using AveroPortal.Core.Operations;
using Microsoft.AspNetCore.Components.Server.Circuits;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace AveroPortal.Blazor.Operations;

/// <summary>
/// OpenTelemetry metrics: the portal's own meter (<see cref="PortalMetrics"/>), ASP.NET Core's and the runtime's. The
/// Prometheus scrape endpoint is a listener of its own on Avero:Metrics:Port (off by default), outside the web
/// pipeline: no public route reaches it, and the proxy never forwards that port.
/// </summary>
internal static class MetricsSetup
{
    private const string Section = "Avero:Metrics";

    /// <summary>Kestrel's connection metrics carry the listening address; only these tags are kept (no IP in a label).</summary>
    private static readonly string[] KestrelTags = ["network.transport", "network.type", "network.protocol.name", "network.protocol.version", "tls.protocol.version", "error.type"];

    /// <summary>
    /// The runtime's gauges named *.count (dotnet.assembly.count, dotnet.timer.count) would read as a histogram's
    /// _count in Prometheus (promtool refuses them): they are exported as *.number instead.
    /// </summary>
    private static bool IsCountGauge(System.Diagnostics.Metrics.Instrument instrument) =>
        instrument.Name.EndsWith(".count", StringComparison.Ordinal)
        && instrument.GetType().Name.Split('`')[0] is not ("Counter" or "ObservableCounter" or "Histogram");

    public static void AddAveroMetrics(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var port = ConfigurationValues.IntInRange(configuration, $"{Section}:Port", 0, 0, 65535);
        var host = ConfigurationValues.Optional(configuration, $"{Section}:Host") ?? "localhost";
        if (host.Any(c => c is '/' or ':' or ' ') && host != "+" && host != "*")
        {
            throw new InvalidOperationException($"{Section}:Host '{host}' is geen host: gebruik bijvoorbeeld localhost, 10.0.0.11 of + (alle adressen).");
        }

        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.AddScoped<CircuitHandler, CircuitCounter.Handler>();
        builder.Services.AddHostedService<PortalGauges>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("AveroPortal", serviceInstanceId: ConfigurationValues.Optional(configuration, "Avero:InstanceName")))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PortalMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddView(instrument => instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel"
                        ? new MetricStreamConfiguration { TagKeys = KestrelTags }
                        : IsCountGauge(instrument) ? new MetricStreamConfiguration { Name = instrument.Name[..^".count".Length] + ".number" }
                        : null);
                if (port > 0)
                {
                    metrics.AddPrometheusHttpListener(options =>
                    {
                        options.Host = host;
                        options.Port = port;
                        options.ScrapeEndpointPath = "/metrics";
                        // Every scrape sees the counters as they are (a cached answer would hide the last events).
                        options.ScrapeResponseCacheDurationMilliseconds = 0;
                    });
                }
            });
    }
}
