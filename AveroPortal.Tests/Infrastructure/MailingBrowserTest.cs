namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// The set-up of every browser test that reads the portal's mail: a real SMTP server on loopback, and the portal in
/// Chromium with <c>Avero:PublicBaseUrl</c> on the browser's own port, so the links in the mails open in the browser.
/// Both stop after each test; the browser first, because its dispose fails the test on a Content-Security-Policy
/// violation and the SMTP server must stop all the same.
/// </summary>
public abstract class MailingBrowserTest : IAsyncLifetime
{
    private protected TestSmtpServer Smtp { get; private set; } = default!;

    private protected BrowserFixture Browser { get; private set; } = default!;

    /// <summary>Settings of the portal beyond the SMTP server and the public base URL.</summary>
    protected virtual (string Key, string Value)[] PortalSettings => [];

    /// <summary>Starts further peers that must know the portal's port (an iDIN broker); returns the portal's settings for them.</summary>
    private protected virtual Task<IReadOnlyDictionary<string, string>> StartPeersAsync(int portalPort) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>Stops what <see cref="StartPeersAsync"/> started; runs even when the browser's dispose failed the test.</summary>
    private protected virtual Task StopPeersAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        var port = PortalFactory.FreePort();
        var settings = Smtp.PortalSettings([("Avero:PublicBaseUrl", $"http://127.0.0.1:{port}/"), .. PortalSettings]);
        foreach (var (key, value) in await StartPeersAsync(port))
        {
            settings[key] = value;
        }

        Browser = new BrowserFixture(new PortalFactory { Settings = settings }, port);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Browser.DisposeAsync();
        }
        finally
        {
            try
            {
                await StopPeersAsync();
            }
            finally
            {
                await Smtp.DisposeAsync();
            }
        }
    }
}
