using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Layout;

/// <summary>
/// A static render throws nothing, not even exceptions that are caught: MudBlazor's providers called JavaScript from
/// DisposeAsync after every static render and the revalidating authentication-state provider started and cancelled
/// its loop in the request (4 exceptions per login page, 5 per signed-in page, about 10 % of a page's CPU). Counted
/// with a first-chance handler, for the exceptions of this request only: this portal's in-memory test server runs a
/// request in the test's execution context (PreserveExecutionContext), so an AsyncLocal set around it marks what the
/// request throws.
/// </summary>
public sealed class StaticRenderExceptionsTests(StaticRenderExceptionsTests.Portal portal) : IClassFixture<StaticRenderExceptionsTests.Portal>
{
    private static readonly AsyncLocal<bool> InRequest = new();

    private PortalFactory Factory => portal.Factory;

    public sealed class Portal : IDisposable
    {
        public PortalFactory Factory { get; } = new()
        {
            ConfigureServices = services => services.Configure<Microsoft.AspNetCore.TestHost.TestServerOptions>(options => options.PreserveExecutionContext = true),
        };

        public void Dispose() => Factory.Dispose();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/inloggen")]
    [InlineData("/inloggen/particulier")]
    [InlineData("/inloggen/zakelijk")]
    public async Task AStaticRenderThrowsNoException(string path)
    {
        var client = Factory.CreateClient();
        await client.GetStringAsync(path);

        var thrown = await CountThrownAsync(() => client.GetAsync(path));

        Assert.Empty(thrown);
    }

    [Fact]
    public async Task TheSignedInOverviewsPrerenderThrowsNoException()
    {
        var account = await Factory.CreateAccountAsync();
        var client = FormClient.For(Factory);
        await client.LoginAsync(account);
        await client.GetAsync("/mijn-overzicht");

        var thrown = await CountThrownAsync(() => client.Http.GetAsync("/mijn-overzicht"));

        Assert.Empty(thrown);
    }

    [Fact]
    public async Task TheCountSeesWhatARequestThrowsAndCatches()
    {
        // A session cookie that is no Data Protection payload: the cookie handler's unprotect throws and catches.
        var client = Factory.CreateClient();
        var thrown = await CountThrownAsync(() =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/inloggen");
            request.Headers.Add("Cookie", "Avero.Sessie=CfDJ8-geen-geldige-sessie");
            return client.SendAsync(request);
        });

        Assert.NotEmpty(thrown);
    }

    private static async Task<List<string>> CountThrownAsync(Func<Task<HttpResponseMessage>> send)
    {
        var thrown = new List<string>();
        void OnThrown(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (InRequest.Value)
            {
                lock (thrown)
                {
                    thrown.Add(e.Exception.GetType().Name + ": " + e.Exception.Message);
                }
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += OnThrown;
        try
        {
            InRequest.Value = true;
            using var response = await send();
            await response.Content.ReadAsStringAsync();
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            InRequest.Value = false;
            AppDomain.CurrentDomain.FirstChanceException -= OnThrown;
        }

        lock (thrown)
        {
            return [.. thrown];
        }
    }
}
