using AveroPortal.Blazor.Components;
using AveroPortal.Blazor.Extensions;
using AveroPortal.Blazor.EHerkenning;
using AveroPortal.Blazor.Idin;
using AveroPortal.Blazor.Login;
using AveroPortal.Core;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAveroCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddAveroWeb();
builder.AddAveroEHerkenning();
builder.AddAveroIdin();

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseSecurityHeaders();
app.UseAveroErrorPages();
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseFormChecks();
app.UseAntiforgery();
app.UseAntiforgeryFailurePage();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapLoginEndpoints();
app.MapEHerkenningEndpoints();
app.MapTestBroker();
app.MapIdinEndpoints();
app.MapIdinTestBroker();

app.Run();

public partial class Program;
