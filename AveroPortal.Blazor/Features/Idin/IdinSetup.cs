using AveroPortal.Blazor.DevBrokers.Idin;
using AveroPortal.Blazor.Extensions;
using AveroPortal.Blazor.Features.Rebinding;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Configuration;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace AveroPortal.Blazor.Features.Idin;

internal static class IdinSetup
{
    /// <summary>The OIDC handler's scheme: it talks to the broker and nothing else.</summary>
    public const string BrokerScheme = "Avero.iDIN.Broker";

    /// <summary>
    /// The bank's answer, held for five minutes in an encrypted cookie until matching decides. It grants no access:
    /// the portal session starts only after a full match, and only once (see <see cref="PendingClaim"/>).
    /// </summary>
    public const string ExternalScheme = "Avero.iDIN.Extern";

    /// <summary>
    /// The random id of the server-side, single-use record written when the bank's answer arrives. /idin/verder uses
    /// it up when it signs in, so a saved copy of the cookie signs no one in a second time.
    /// </summary>
    public const string PendingClaim = "avero:pending";

    /// <summary>Authentication property that carries the chosen bank to the authorize request.</summary>
    public const string BankItem = "idin.bank";

    /// <summary>
    /// Authentication property that says what the bank's answer is for: absent for a login, <see cref="RebindPurpose"/>
    /// when a customer re-binds a lost authenticator. It travels in the protected state and ends up in the external cookie.
    /// </summary>
    public const string PurposeItem = "idin.purpose";

    public const string RebindPurpose = "herkoppelen";

    /// <summary>
    /// Reads Avero:Idin and fails start-up with a message naming the key when it can not work. When Enabled is false
    /// the login method is simply not offered.
    /// </summary>
    public static void AddAveroIdin(this WebApplicationBuilder builder, PortalOptions portal)
    {
        var configuration = builder.Configuration;
        if (!ConfigurationValues.Bool(configuration, $"{IdinOptions.Section}:Enabled", false))
        {
            return;
        }

        var section = configuration.GetSection(IdinOptions.Section);
        IdinOptions options;
        try
        {
            options = section.Get<IdinOptions>() ?? new IdinOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message is English and names a CLR type; the operator needs the setting.
            throw new InvalidOperationException($"Configuratie {IdinOptions.Section} is ongeldig: {e.Message}", e);
        }

        var testBroker = ConfigurationValues.Bool(configuration, $"{IdinOptions.Section}:TestBroker:Enabled", false);
        if (testBroker)
        {
            if (!builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException("Avero:Idin:TestBroker:Enabled mag alleen in Development aan staan; zet het uit of configureer de echte iDIN-makelaar.");
            }

            // appsettings.Development.json switches the test broker on; a real broker configured on top would be
            // mixed with test defaults (no https check, a made-up secret) instead of winning or losing openly.
            var realBrokerKeys = new[] { "Authority", "ClientId", "ClientSecret" }.Where(key => !string.IsNullOrWhiteSpace(section[key])).ToList();
            if (realBrokerKeys.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Avero:Idin:TestBroker:Enabled staat aan en er is ook een echte iDIN-makelaar geconfigureerd ({string.Join(", ", realBrokerKeys.Select(k => "Avero:Idin:" + k))}). " +
                    "Kies één: zet Avero:Idin:TestBroker:Enabled op false voor de echte makelaar, of haal die instellingen weg.");
            }

            options = WithTestBroker(options, portal.PublicBase);
        }

        Validate(options);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<IdinLogin>();
        services.AddSingleton<AveroPortal.Core.Rebinding.AuthenticatorRebinding>();
        if (testBroker)
        {
            services.AddIdinTestBroker();
        }

        services.AddAuthentication()
            .AddCookie(ExternalScheme, cookie =>
            {
                // It carries the id of a pending-login record, so it lives exactly as long as that record, like the password step's cookie.
                AuthenticationCookies.Configure(cookie, "Avero.iDIN", PendingLoginRepository.Lifetime, sliding: false);
                cookie.Events.OnSigningIn = async context =>
                {
                    var pending = context.HttpContext.RequestServices.GetRequiredService<PendingLoginRepository>();
                    var id = await pending.StartWithoutAccountAsync(PendingPurposes.Idin, Portals.Private);
                    context.Principal!.Identities.First().AddClaim(new System.Security.Claims.Claim(PendingClaim, id));
                };
            })
            .AddOpenIdConnect(BrokerScheme, oidc => Configure(oidc, options));
    }

    private static void Configure(OpenIdConnectOptions oidc, IdinOptions options)
    {
        oidc.SignInScheme = ExternalScheme;
        oidc.Authority = options.Authority;
        oidc.ClientId = options.ClientId;
        oidc.ClientSecret = options.ClientSecret;
        oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
        oidc.CallbackPath = options.CallbackPath;
        oidc.ResponseType = "code";
        oidc.UsePkce = true;
        // The broker returns by a top-level GET, so the Lax correlation and nonce cookies come along without HTTPS tricks.
        oidc.ResponseMode = "query";
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        foreach (var scope in options.Scopes.Where(s => s != "openid"))
        {
            oidc.Scope.Add(scope);
        }

        // Keep the broker's claim names as they are: the configured names must find them.
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = options.GetClaimsFromUserInfoEndpoint;
        oidc.SaveTokens = false;
        oidc.DisableTelemetry = true;
        oidc.TokenValidationParameters.NameClaimType = "sub";
        oidc.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(15);
        // The portal never ends a session at the broker, so the handler's sign-out paths (/signout-oidc and
        // /signout-callback-oidc by default) are off: they would read any form posted to them before any check.
        oidc.RemoteSignOutPath = PathString.Empty;
        oidc.SignedOutCallbackPath = PathString.Empty;
        // Every claim the broker sends stays available to the matching: the default ClaimActions would drop some
        // (acr among them) and map only a few userinfo fields; from userinfo every field is taken instead.
        oidc.ClaimActions.Clear();
        if (options.GetClaimsFromUserInfoEndpoint)
        {
            oidc.ClaimActions.MapAll();
        }

        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            foreach (var (name, value) in options.AuthorizeParameters)
            {
                context.ProtocolMessage.SetParameter(name, value);
            }

            if (!string.IsNullOrEmpty(options.BankParameter) && context.Properties.Items.TryGetValue(BankItem, out var bank) && bank is not null)
            {
                context.ProtocolMessage.SetParameter(options.BankParameter,
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, options.BankParameterFormat, bank));
            }

            return Task.CompletedTask;
        };
        oidc.Events.OnTokenValidated = context =>
        {
            var principal = context.Principal!;
            // acr is checked when the broker sends it: an identity at a lower assurance than configured is refused.
            if (principal.FindFirst("acr")?.Value is { } acr && options.AcceptedAcrValues.Count > 0 && !options.AcceptedAcrValues.Contains(acr))
            {
                context.Fail($"iDIN acr '{acr}' wordt niet geaccepteerd.");
            }

            return Task.CompletedTask;
        };
        oidc.Events.OnAccessDenied = async context =>
        {
            // The customer pressed "cancel" at the bank: back to the bank choice with a message, not an error.
            await RecordAsync(context.HttpContext, IdinLogin.Outcomes.Cancelled);
            context.Response.Redirect(IsRebind(context.Properties) ? RebindPaths.Cancelled : "/inloggen/idin?melding=afgebroken");
            context.HandleResponse();
        };
        oidc.Events.OnRemoteFailure = async context =>
        {
            // Whatever failed (signature, issuer, audience, nonce, expiry, state, a used code): nothing is signed in.
            // The handler's message can carry the broker's error_description and other outside text: scrubbed, and
            // without the exception object (no stack trace, no inner exceptions) in the log.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AveroPortal.Idin")
                .LogWarning("iDIN-aanmelding geweigerd: {Error}", context.Failure is null ? "" : LogScrub.Exception(context.Failure));
            var cancelled = context.Failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true;
            await RecordAsync(context.HttpContext, cancelled ? IdinLogin.Outcomes.Cancelled : IdinLogin.Outcomes.Failed);
            await context.HttpContext.SignOutAsync(ExternalScheme);
            context.Response.Redirect(IsRebind(context.Properties) ? RebindPaths.Cancelled
                : cancelled ? "/inloggen/idin?melding=afgebroken" : "/inloggen/idin/mislukt");
            context.HandleResponse();
        };
    }

    /// <summary>Whether the answer (or its failure) belongs to a re-binding rather than a login.</summary>
    public static bool IsRebind(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(PurposeItem, out var purpose) == true && purpose == RebindPurpose;

    private static Task RecordAsync(HttpContext http, string outcome) =>
        http.RequestServices.GetRequiredService<IdinLogin>().RecordFailureAsync(outcome,
            ClientInfo.Of(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString()));

    /// <summary>The test broker's defaults for what the configuration leaves open.</summary>
    private static IdinOptions WithTestBroker(IdinOptions options, Uri? publicBase) => options with
    {
        Authority = !string.IsNullOrEmpty(options.Authority) ? options.Authority
            : publicBase is null ? throw new InvalidOperationException($"Configuratie ontbreekt: {PortalOptions.PublicBaseUrlKey} (nodig voor de iDIN-testmakelaar).")
            : new Uri(publicBase, IdinTestBroker.BasePath.TrimStart('/')).ToString().TrimEnd('/'),
        Broker = string.IsNullOrEmpty(options.Broker) ? "testmakelaar" : options.Broker,
        ClientId = string.IsNullOrEmpty(options.ClientId) ? "avero-portal-dev" : options.ClientId,
        ClientSecret = string.IsNullOrEmpty(options.ClientSecret) ? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) : options.ClientSecret,
        RequireHttpsMetadata = false,
    };

    private static void Validate(IdinOptions options)
    {
        static void Require(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new InvalidOperationException($"Configuratie ontbreekt: Avero:Idin:{key}.");
            }
        }

        Require(options.Broker, "Broker");
        Require(options.Authority, "Authority");
        Require(options.ClientId, "ClientId");
        Require(options.ClientSecret, "ClientSecret");
        Require(options.Claims.Bin, "Claims:Bin");
        var authority = ConfigurationValues.AbsoluteHttpUrl(options.Authority, "Avero:Idin:Authority");

        if (options.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException("Avero:Idin:Authority moet https gebruiken (of zet RequireHttpsMetadata uit voor een lokale test).");
        }

        if (options.Banks.Count == 0 || options.Banks.Any(b => string.IsNullOrWhiteSpace(b.Id) || string.IsNullOrWhiteSpace(b.Name)))
        {
            throw new InvalidOperationException("Avero:Idin:Banks moet de banken met Id (BIC) en Name bevatten.");
        }

        if (!options.BankParameterFormat.Contains("{0}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Avero:Idin:BankParameterFormat moet {0} bevatten (de BIC van de gekozen bank).");
        }
    }
}
