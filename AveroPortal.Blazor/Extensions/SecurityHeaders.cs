namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// Headers every response gets: one Content-Security-Policy, no framing, no MIME sniffing, no referrer (links carry
/// single-use tokens), no powerful browser features. With Avero:InstanceName set (several instances behind a load
/// balancer), X-Avero-Instance says which one answered.
/// </summary>
internal static class SecurityHeaders
{
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), "
        + "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
        + "publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    public static void AddAveroSecurityHeaders(this WebApplicationBuilder builder)
    {
        // Kestrel's "Server: Kestrel" only tells an attacker what to try.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Chrome applies form-action to the redirect after a form post too: the bank-choice form posts to /idin/start,
        // which redirects to the iDIN broker's authorize endpoint (under its Authority). The portal's own public
        // address counts as itself also when a browser reached it by another name (localhost, 127.0.0.1). The
        // eHerkenning broker's SSO URL is allowed on the one page that posts to it, see ContentSecurityPolicy.ForFormPostTo.
        var configuration = builder.Configuration;
        var targets = new List<string>();
        if (configuration.GetValue("Avero:Idin:Enabled", false))
        {
            targets.Add(configuration["Avero:Idin:Authority"] is { Length: > 0 } authority ? authority : configuration["Avero:PublicBaseUrl"] ?? "");
        }

        targets.Add(configuration["Avero:PublicBaseUrl"] ?? "");
        builder.Services.AddSingleton(new ContentSecurityPolicy(targets));
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var instance = app.Configuration["Avero:InstanceName"];
        var policy = app.Services.GetRequiredService<ContentSecurityPolicy>().Header;
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            if (!string.IsNullOrEmpty(instance))
            {
                headers["X-Avero-Instance"] = instance;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            // Set, not appended: an endpoint with a narrower or wider form-action replaces it, so a response carries
            // exactly one policy.
            headers.ContentSecurityPolicy = policy;
            await next();
        });
    }
}
