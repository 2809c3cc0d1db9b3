using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Idin;

/// <summary>The portal's iDIN endpoints over HTTP: the authorize request it builds, bad input, and configuration that stops start-up.</summary>
public sealed partial class IdinEndpointTests : IAsyncLifetime
{
    private OidcProviderPeer _peer = default!;

    public async Task InitializeAsync() => _peer = await IdinPeerPeople.StartPeerAsync(PortalFactory.FreePort());

    private readonly IdTokenTampering _backchannel = new(System.Security.Cryptography.RSA.Create(), "-");

    private PortalFactory Portal(Action<Dictionary<string, string>>? change = null, CapturedLog? log = null)
    {
        var settings = IdinPeerPeople.PortalSettings(_peer);
        change?.Invoke(settings);
        return new PortalFactory
        {
            Settings = settings,
            ConfigureServices = services =>
            {
                services.Configure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(
                    AveroPortal.Blazor.Features.Idin.IdinSetup.BrokerScheme, options => options.BackchannelHttpHandler = _backchannel);
                log?.AddTo(services);
            },
        };
    }

    private static async Task<HttpResponseMessage> StartAsync(FormClient client, string? bank, bool withToken = true)
    {
        var page = await client.GetAsync("/inloggen/idin");
        var fields = new Dictionary<string, string>();
        if (bank is not null)
        {
            fields["bank"] = bank;
        }

        if (withToken)
        {
            fields["__RequestVerificationToken"] = FormClient.AntiforgeryToken(page);
        }

        return await client.Http.PostAsync("/idin/start", new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(PortalFactory portal, string path, string cookie)
    {
        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<long> SessionCountAsync(PortalFactory portal)
    {
        await using var connection = await portal.Get<AveroPortal.Core.Data.Db>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM sessions");
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        _backchannel.Dispose();
    }
}
