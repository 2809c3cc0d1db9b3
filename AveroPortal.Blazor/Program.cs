using AveroPortal.Blazor.DevBrokers.EHerkenning;
using AveroPortal.Blazor.DevBrokers.Idin;
using AveroPortal.Blazor.Errors;
using AveroPortal.Blazor.Extensions;
using AveroPortal.Blazor.Features.Colleagues;
using AveroPortal.Blazor.Features.EHerkenning;
using AveroPortal.Blazor.Features.Idin;
using AveroPortal.Blazor.Features.Login;
using AveroPortal.Blazor.Features.Passkeys;
using AveroPortal.Blazor.Features.PasswordReset;
using AveroPortal.Blazor.Layout;
using AveroPortal.Blazor.Operations;
using AveroPortal.Core;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;

var builder = WebApplication.CreateBuilder(args);

// Settings more than one feature needs are read once, here; each feature reads its own in its Add method.
var portal = PortalOptions.Read(builder.Configuration, builder.Environment);
var database = DatabaseOptions.Read(builder.Configuration, builder.Environment.ContentRootPath);
var security = SecurityOptions.Read(builder.Configuration);

builder.Services.AddAveroCore(builder.Configuration, database, security);
builder.AddAveroWeb(portal, database);
builder.Services.AddAveroColleagues();
builder.AddAveroReverseProxy();
builder.AddAveroSecurityHeaders();
builder.AddAveroEHerkenning(portal, database);
builder.AddAveroIdin(portal);
builder.AddAveroHealthChecks(database);
builder.AddAveroMetrics();
builder.AddAveroLogging();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseAveroReverseProxy();
app.UseSecurityHeaders();
app.UseAveroErrorPages();
app.UseRequestLocalization();
app.UseStaticFiles();
// Before authentication: the iDIN callback is answered inside UseAuthentication by the OIDC handler.
app.UseAveroRateLimiting();
app.UseAuthentication();
app.UseAuthorization();
app.UseFormChecks();
app.UseAntiforgery();
app.UseAntiforgeryFailurePage();

// Short-circuited after routing: the load balancer's probes skip everything below and above.
app.MapAveroHealthChecks();
app.MapStaticAssets();
// The portal sends frame-ancestors 'none' in its own policy; Blazor's default adds a second policy with 'self'.
// No WebSocket compression: each circuit's connection kept a zlib deflate state (about 300 KiB of native memory) for
// render batches of a few KB, and compressing secrets next to reflected input is the BREACH pattern. See
// docs/performance.md (issue 16, circuits).
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(server =>
    {
        server.ContentSecurityFrameAncestorsPolicy = null;
        server.DisableWebSocketCompression = true;
    })
    .WithoutStateOnStaticPages();
app.MapLoginEndpoints();
app.MapPasswordResetEndpoints();
app.MapPasskeyEndpoints();
app.MapColleagueEndpoints();
app.MapEHerkenningEndpoints();
app.MapTestBroker();
app.MapIdinEndpoints();
app.MapIdinTestBroker();

app.Run();

public partial class Program;
