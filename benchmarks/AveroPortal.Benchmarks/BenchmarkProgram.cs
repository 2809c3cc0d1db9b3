using System.Diagnostics;
using AveroPortal.Benchmarks.Circuits;
using AveroPortal.Benchmarks.FirstVisit;
using AveroPortal.Benchmarks.Latency;
using AveroPortal.Benchmarks.Login;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Render;
using AveroPortal.Benchmarks.Reporting;

namespace AveroPortal.Benchmarks;

/// <summary>
/// Not top-level statements: those would declare a second global Program next to the portal's own, which
/// WebApplicationFactory&lt;Program&gt; needs.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [LoadClientProcess.Argument, ..])
        {
            return await LoadClientProcess.RunChildAsync(args);
        }

        if (BenchmarkOptions.Parse(args, Console.Error) is not { } options)
        {
            return 2;
        }

        var total = Stopwatch.StartNew();
        var machine = MachineInfo.Read();
        var report = new Report(options, machine, Console.Out);
        report.Header();

        await using var portal = new BenchmarkPortal();
        var starting = Stopwatch.StartNew();
        var address = portal.Start();
        Console.WriteLine($"Portal on {address} (Production environment, temporary SQLite file), started in {starting.Elapsed.TotalSeconds:0.0} s.");

        // First, while the process has only started: a working set inflated by the load of the other parts would
        // hide the circuits' growth. The closed tabs' circuits stay retained for a few minutes; they only hold memory.
        if (options.Runs("circuits"))
        {
            using var _ = report.Section("c. Server memory per interactive circuit");
            await CircuitMemoryBenchmark.RunAsync(portal, options, report, machine);
        }

        HashRates? hashRates = null;
        if (options.Runs("hash"))
        {
            using var _ = report.Section("a. Password hashing, raw");
            hashRates = PasswordHashBenchmark.Run(portal, options, report);
        }

        if (options.Runs("totp"))
        {
            using var _ = report.Section("b. Authenticator code checks");
            await TotpBenchmark.RunAsync(portal, options, report);
            await PasskeyBenchmark.RunAsync(portal, options, report);
        }

        if (options.Runs("logins"))
        {
            using var _ = report.Section("a. End-to-end logins over HTTP");
            await LoginThroughputBenchmark.RunAsync(portal, options, report, hashRates);
        }

        if (options.Runs("bytes"))
        {
            using var _ = report.Section("e. Bytes of a first visit to / and /inloggen" + (options.FirstVisitAt is null ? "" : " at " + options.FirstVisitAt));
            await FirstVisitBenchmark.RunAsync(options.FirstVisitAt ?? portal.BaseAddress, report);
        }

        if (options.Runs("render"))
        {
            using var _ = report.Section("f. Cost of one render: allocation and exceptions per request");
            await RenderCostBenchmark.RunAsync(portal, options, report);
        }

        if (options.Runs("latency"))
        {
            using var _ = report.Section($"d. Latency under {options.LatencyClients} concurrent clients");
            await LatencyBenchmark.RunAsync(portal, options, report);
        }

        await report.WriteJsonAsync(total.Elapsed);
        Console.WriteLine();
        Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:0} s; {report.Figures.Count} figures written to {options.OutputPath}");
        return 0;
    }
}
