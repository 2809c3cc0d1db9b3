using AveroPortal.Core.Idin;

namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// Headers every response gets: one Content-Security-Policy, no framing, no MIME sniffing, no referrer (links carry
/// single-use tokens), no powerful browser features but WebAuthn for the portal itself (passkeys; no frame may ask). With Avero:InstanceName set (several instances behind a load
/// balancer), X-Avero-Instance says which one answered.
/// </summary>
internal static class SecurityHeaders
{
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), "
        + "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
        + "publickey-credentials-create=(self), publickey-credentials-get=(self), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";

    public static void AddAveroSecurityHeaders(this WebApplicationBuilder builder)
    {
        // Kestrel's "Server: Kestrel" only tells an attacker what to try.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Chrome applies form-action to the redirect after a form post too: the bank-choice form posts to /idin/start,
        // which redirects to the iDIN broker's authorize endpoint (under its Authority). The portal's own public
        // address counts as itself also when a browser reached it by another name (localhost, 127.0.0.1). The
        // eHerkenning broker's SSO URL is allowed on the one page that posts to it, see ContentSecurityPolicy.ForFormPostTo.
        // The iDIN options exist only when iDIN is on; they are registered later in start-up, so the policy is built
        // when first asked for.
        builder.Services.AddSingleton(services =>
        {
            var targets = new List<string>();
            if (services.GetService<IdinOptions>() is { } idin)
            {
                targets.Add(idin.Authority);
            }

            targets.Add(services.GetRequiredService<PortalOptions>().PublicBase?.OriginalString ?? "");
            return new ContentSecurityPolicy(targets);
        });
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        var instance = app.Services.GetRequiredService<PortalOptions>().InstanceName;
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
