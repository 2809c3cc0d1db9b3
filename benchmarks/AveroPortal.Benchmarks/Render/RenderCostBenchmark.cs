using System.Net;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;

namespace AveroPortal.Benchmarks.Render;

/// <summary>
/// (f) What one static render of each public page and of the signed-in overview costs, measured apart from the
/// latency part's 200 clients: a few clients request the same page one after another, and the process's allocated
/// bytes and first-chance exceptions are divided by the answered requests. The portal and the client share this
/// process, so those bytes are server + client; the static-file control shows the client's and pipeline's share.
/// The same requests are sent once more from a child process (<see cref="LoadClientProcess"/>): then this process's
/// bytes are the server's alone.
/// </summary>
internal static class RenderCostBenchmark
{
    private const int Clients = 4;
    private const int Sessions = 4;

    public static readonly string[] Pages = ["/", "/inloggen", "/inloggen/particulier", "/inloggen/zakelijk", "/mijn-overzicht"];

    private sealed record Cost(string Path, int Requests, int Errors, long AllocatedBytesPerRequest, double ExceptionsPerRequest, long ResponseBytes,
        IReadOnlyDictionary<string, long> ExceptionKinds)
    {
        public long ServerAllocatedBytesPerRequest { get; init; }

        public int ServerOnlyRequests { get; init; }
    }

    public static async Task RunAsync(BenchmarkPortal portal, BenchmarkOptions options, Report report)
    {
        using var http = FormBrowser.CreateHttpClient(portal.BaseAddress, Clients * 2);
        var cookies = new List<string>();
        foreach (var account in await portal.CreateAccountsAsync(Sessions))
        {
            var browser = new FormBrowser(http);
            await browser.LoginAsync(account);
            cookies.Add($"{BenchmarkPortal.SessionCookie}={browser.Cookie(BenchmarkPortal.SessionCookie)}");
        }

        var requests = options.Quick ? 400 : 2_000;
        var control = await MeasureAsync(portal.BaseAddress, http, "/app.css", [], requests);
        report.Add(new Figure("render.staticControl.allocatedBytes", "f", "Control: GET /app.css, allocated per request", control.AllocatedBytesPerRequest / 1024.0, "KiB",
            "Server + client for a small static file through the same pipeline: the part of each figure below that is not rendering."));
        report.Add(new Figure("render.staticControl.serverAllocatedBytes", "f", "Control: GET /app.css, allocated by the server alone", control.ServerAllocatedBytesPerRequest / 1024.0, "KiB",
            $"The same requests from a child process ({control.ServerOnlyRequests:N0} answered): the server's pipeline for a static file."));
        var costs = new List<Cost> { control };
        foreach (var path in Pages)
        {
            var cost = await MeasureAsync(portal.BaseAddress, http, path, path == "/mijn-overzicht" ? cookies : [], requests);
            costs.Add(cost);
            var id = path == "/" ? "home" : path.TrimStart('/').Replace('/', '.').Replace("-", "", StringComparison.Ordinal);
            report.Add(new Figure($"render.{id}.allocatedBytes", "f", $"GET {path}, allocated per request", cost.AllocatedBytesPerRequest / 1024.0, "KiB",
                $"{cost.Requests:N0} requests by {Clients} clients, {cost.Errors} errors; {cost.ResponseBytes:N0} B of HTML; server + client (control: {control.AllocatedBytesPerRequest / 1024.0:0} KiB)."));
            report.Add(new Figure($"render.{id}.serverAllocatedBytes", "f", $"GET {path}, allocated by the server alone", cost.ServerAllocatedBytesPerRequest / 1024.0, "KiB",
                $"The same requests from a child process ({cost.ServerOnlyRequests:N0} answered), so no client bytes; control: {control.ServerAllocatedBytesPerRequest / 1024.0:0} KiB."));
            report.Add(new Figure($"render.{id}.exceptions", "f", $"GET {path}, first-chance exceptions per request", cost.ExceptionsPerRequest, "exceptions",
                cost.ExceptionKinds.Count == 0 ? "None thrown, caught or not." : string.Join("; ", cost.ExceptionKinds.OrderByDescending(k => k.Value).Take(3).Select(k => $"{k.Value:N0} × {k.Key}"))));
        }

        report.Detail("render", costs);
    }

    private static async Task<Cost> MeasureAsync(Uri baseAddress, HttpClient http, string path, IReadOnlyList<string> cookies, int requests)
    {
        var serverOnly = await LoadClientProcess.MeasureAsync(baseAddress, path, cookies, requests / 4, requests, Clients);
        if (serverOnly.Errors > 0)
        {
            throw new InvalidOperationException($"{path}: {serverOnly.Errors} of the child process's requests failed.");
        }

        // Warm up: JIT, caches and pools, so the figure is what a steady request costs.
        await RunAsync(http, path, cookies, requests / 4);
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var exceptions = new ExceptionCounter();
        var (ok, errors, bytes) = await RunAsync(http, path, cookies, requests);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var thrown = exceptions.Total;
        return new Cost(path, ok, errors, ok == 0 ? 0 : allocated / ok, ok == 0 ? 0 : Math.Round((double)thrown / ok, 2), bytes, exceptions.Kinds)
        {
            ServerAllocatedBytesPerRequest = serverOnly.ServerAllocatedBytes / Math.Max(1, serverOnly.Ok),
            ServerOnlyRequests = serverOnly.Ok,
        };
    }

    private static async Task<(int Ok, int Errors, long ResponseBytes)> RunAsync(HttpClient http, string path, IReadOnlyList<string> cookies, int requests)
    {
        var next = -1;
        var ok = 0;
        var errors = 0;
        long bytes = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", cookies[client % cookies.Count]);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref ok);
                    Interlocked.Exchange(ref bytes, body.LongLength);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return (ok, errors, bytes);
    }
}
