using System.Net;
using System.Net.Sockets;
using AveroPortal.Core.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto from the proxies named in Avero:ReverseProxy, and from nobody else. After
/// this middleware Connection.RemoteIpAddress is the client as the trusted proxy saw it and Request.IsHttps says
/// whether the client used TLS, so the rate limiter, login events, sessions, the support audit and the cookies'
/// Secure flag all read the real client without knowing a proxy is there.
/// </summary>
internal static class ReverseProxy
{
    public const string Section = "Avero:ReverseProxy";

    public static void AddAveroReverseProxy(this WebApplicationBuilder builder)
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED puts the framework's own forwarded-headers middleware first, believing
        // every sender: that would undo everything here.
        if (ConfigurationValues.Bool(builder.Configuration, "FORWARDEDHEADERS_ENABLED", false))
        {
            throw new InvalidOperationException(
                $"ASPNETCORE_FORWARDEDHEADERS_ENABLED vertrouwt X-Forwarded-For van iedereen; zet het uit en noem de proxy in {Section}:KnownProxies of {Section}:KnownNetworks.");
        }

        var section = builder.Configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies")).Select(value => ParseAddress(value, $"{Section}:KnownProxies")).ToList();
        var networks = Values(section.GetSection("KnownNetworks")).Select(value => ParseNetwork(value, $"{Section}:KnownNetworks")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here nothing is trusted unless configured, so a client that
            // reaches the portal directly can not choose its own address.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // The older list (obsolete since .NET 10, 127.0.0.0/8 by default) is emptied too, whichever one the middleware reads.
#pragma warning disable ASPDEPR005
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // Walk back through X-Forwarded-For while the hop that added an entry is itself a trusted proxy: behind
            // a chain of trusted proxies the first untrusted address is the client, whatever it put in the header.
            options.ForwardLimit = null;
        });
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static void UseAveroReverseProxy(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
            return;
        }

        // Not the middleware with empty lists: with no known proxy and no known network at all it believes every
        // sender (the mode ASPNETCORE_FORWARDEDHEADERS_ENABLED uses).
        //
        // Behind a proxy without this configuration every client shares the proxy's address (one rate-limit bucket
        // for all, the proxy's address in every login event): say so once, naming the keys.
        var warned = 0;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReverseProxy).FullName!);
        app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey("X-Forwarded-For") && Interlocked.Exchange(ref warned, 1) == 0)
            {
                logger.LogWarning(
                    "X-Forwarded-For ontvangen van {Address} en genegeerd: geen proxy vertrouwd. Staat de portal achter een reverse proxy, zet dan {Section}:KnownProxies of {Section}:KnownNetworks.",
                    context.Connection.RemoteIpAddress, Section, Section);
            }

            return next(context);
        });
    }

    /// <summary>A list in configuration: array entries (KnownProxies:0, ...) or one value separated by commas.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section)
    {
        var items = section.GetChildren().Select(child => child.Value).ToList();
        if (section.Value is { } single)
        {
            items.Add(single);
        }

        return items.SelectMany(item => (item ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static IPAddress ParseAddress(string value, string key) =>
        TryParseStrict(value, out var address) ? address
            : throw new InvalidOperationException($"{key}: '{value}' is geen IP-adres (bijvoorbeeld 10.0.0.5 of fd00::5).");

    private static System.Net.IPNetwork ParseNetwork(string value, string key)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        // The base address must be the network's own (10.0.0.1/8 is a typo for a single host or for 10.0.0.0/8).
        if (slash > 0 && TryParseStrict(value[..slash], out var baseAddress) && System.Net.IPNetwork.TryParse(value, out var network)
            && network.BaseAddress.Equals(baseAddress))
        {
            return network;
        }

        throw new InvalidOperationException(
            $"{key}: '{value}' is geen netwerk in CIDR-notatie met een netwerkadres (bijvoorbeeld 10.0.0.0/8 of fd00::/64).");
    }

    /// <summary>IPAddress.TryParse also takes "10" or "10.1" (as 0.0.0.10, 10.0.0.1): only four-part IPv4 and real IPv6 count.</summary>
    private static bool TryParseStrict(string value, out IPAddress address)
    {
        if (IPAddress.TryParse(value, out var parsed)
            && (parsed.AddressFamily == AddressFamily.InterNetworkV6 ? value.Contains(':', StringComparison.Ordinal) : value.Split('.').Length == 4))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
