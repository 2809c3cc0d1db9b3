using System.Diagnostics;
using System.Net;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;

namespace AveroPortal.Benchmarks.Latency;

/// <summary>
/// (d) Latency of two pages under 200 concurrent clients, each sending its next request as soon as the last one is
/// answered (a closed loop): the static login choice page, and the signed-in overview as prerendered HTML with a
/// session cookie (the session is checked in SQLite on every request).
/// </summary>
internal static class LatencyBenchmark
{
    private const int Sessions = 4;

    private sealed record Run(string Path, int Clients, double Seconds, int Requests, int Errors, double RequestsPerSecond,
        Percentiles Latency, double CpuUtilization, long AllocatedBytesPerRequest, double ExceptionsPerRequest, int Gen0, int Gen1, int Gen2);

    public static async Task RunAsync(BenchmarkPortal portal, BenchmarkOptions options, Report report)
    {
        using var http = FormBrowser.CreateHttpClient(portal.BaseAddress, options.LatencyClients * 2);
        var cookies = new List<string>();
        foreach (var account in await portal.CreateAccountsAsync(Sessions))
        {
            var browser = new FormBrowser(http);
            await browser.LoginAsync(account);
            cookies.Add($"{BenchmarkPortal.SessionCookie}={browser.Cookie(BenchmarkPortal.SessionCookie)}");
        }

        var runs = new List<Run>
        {
            await MeasureAsync(http, "/inloggen", [], options.LatencyWarmUp, options.LatencyDuration, options.LatencyClients),
            await MeasureAsync(http, "/mijn-overzicht", cookies, options.LatencyWarmUp, options.LatencyDuration, options.LatencyClients),
        };
        // Control: a small static file through the same pipeline and client, to see what rendering a page adds.
        var control = await MeasureAsync(http, "/app.css", [], TimeSpan.FromSeconds(1), options.LatencyDuration / 3, options.LatencyClients);
        report.Add(new Figure("latency.staticControl.throughput", "d", "Control: GET /app.css (4 KiB static file), throughput", control.RequestsPerSecond, "requests/s",
            $"Same clients and pipeline without rendering: p50 {control.Latency.P50:0} ms, p99 {control.Latency.P99:0} ms; "
            + $"{control.AllocatedBytesPerRequest / 1024.0:0} KiB allocated per request (server + client), so most of the pages' allocation is rendering."));
        foreach (var run in runs)
        {
            var what = run.Path == "/inloggen" ? "login page (static SSR)" : "signed-in overview (prerendered, session cookie)";
            var id = run.Path == "/inloggen" ? "loginPage" : "overview";
            report.Add(new Figure($"latency.{id}.p50", "d", $"GET {run.Path}, p50 at {run.Clients} clients", run.Latency.P50, "ms",
                $"Median time to the whole response of the {what}."));
            report.Add(new Figure($"latency.{id}.p95", "d", $"GET {run.Path}, p95", run.Latency.P95, "ms", "One request in 20 is slower than this."));
            report.Add(new Figure($"latency.{id}.p99", "d", $"GET {run.Path}, p99", run.Latency.P99, "ms", $"One in 100 is slower than this; slowest {run.Latency.Max:0} ms."));
            report.Add(new Figure($"latency.{id}.throughput", "d", $"GET {run.Path}, throughput", run.RequestsPerSecond, "requests/s",
                $"{run.Requests:N0} answered in {run.Seconds:0} s, {run.Errors} errors; process CPU {run.CpuUtilization:P0}; "
                + $"{run.AllocatedBytesPerRequest / 1024.0:0} KiB allocated and {run.ExceptionsPerRequest:0.0} exceptions thrown per request; GCs gen0/1/2: {run.Gen0}/{run.Gen1}/{run.Gen2}."));
        }

        var login = runs.First(r => r.Path == "/inloggen");
        report.Add(new Figure("latency.loginPage.vsStaticControl", "d", "GET /inloggen throughput ÷ static-file control", login.RequestsPerSecond / control.RequestsPerSecond, "ratio",
            $"{login.RequestsPerSecond:N0} / {control.RequestsPerSecond:N0} requests/s at {options.LatencyClients} clients, in this run: what rendering the page costs next to serving a file."));
        // CPU time per answered request (this process: portal and client) is much less sensitive than throughput to
        // what other processes take from a shared machine; its ratio is what the throughput ratio would be if the
        // process had the cores to itself and stayed CPU-bound.
        var loginCpu = CpuMillisecondsPerRequest(login);
        var controlCpu = CpuMillisecondsPerRequest(control);
        report.Add(new Figure("latency.loginPage.cpuVsStaticControl", "d", "CPU per request: static-file control ÷ GET /inloggen", loginCpu == 0 ? 0 : controlCpu / loginCpu, "ratio",
            $"{controlCpu:0.00} / {loginCpu:0.00} ms of this process's CPU per answered request (server + client): the throughput ratio on cores not shared with other processes."));
        report.Detail("latency", new { Runs = runs, StaticControl = control });
    }

    private static double CpuMillisecondsPerRequest(Run run) =>
        run.Requests == 0 ? 0 : run.CpuUtilization * run.Seconds * Environment.ProcessorCount * 1000 / run.Requests;

    private static async Task<Run> MeasureAsync(HttpClient http, string path, IReadOnlyList<string> cookies, TimeSpan warmUp, TimeSpan duration, int clients)
    {
        var measuring = false;
        var stop = false;
        var errors = 0;
        var workers = Enumerable.Range(0, clients).Select(index => Task.Run(async () =>
        {
            var ticks = new List<long>(4096);
            while (!Volatile.Read(ref stop))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", cookies[index % cookies.Count]);
                }

                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }

                var elapsed = Stopwatch.GetTimestamp() - started;
                if (Volatile.Read(ref measuring))
                {
                    if (ok)
                    {
                        ticks.Add(elapsed);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }

            return ticks;
        })).ToList();

        await Task.Delay(warmUp);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        using var exceptions = new ExceptionCounter();
        var stopwatch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds / (seconds * Environment.ProcessorCount);
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var thrown = exceptions.Total;
        var collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        Volatile.Write(ref stop, true);
        var samples = (await Task.WhenAll(workers)).SelectMany(t => t).ToList();
        return new Run(path, clients, Math.Round(seconds, 2), samples.Count, errors, samples.Count / seconds, Percentiles.Of(samples),
            Math.Round(cpu, 3), samples.Count == 0 ? 0 : allocated / samples.Count, samples.Count == 0 ? 0 : Math.Round((double)thrown / samples.Count, 2), collections.Item1, collections.Item2, collections.Item3);
    }
}
