namespace AveroPortal.Core.Settings;

/// <summary>"Chrome" on "Windows": enough of a user agent for a customer to recognise their own device.</summary>
public sealed record BrowserSummary(string? Browser, string? System)
{
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("HeadlessChrome/", "Chrome"), ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static BrowserSummary Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return new BrowserSummary(null, null);
        }

        return new BrowserSummary(First(Browsers, userAgent), First(Systems, userAgent));
    }

    private static string? First((string Token, string Name)[] table, string userAgent) =>
        table.FirstOrDefault(e => userAgent.Contains(e.Token, StringComparison.Ordinal)).Name;
}
