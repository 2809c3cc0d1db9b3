using System.Diagnostics;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;
using Microsoft.Playwright;

namespace AveroPortal.Benchmarks.Circuits;

/// <summary>
/// (c) Server memory per open interactive circuit. A signed-in Chromium (Debian's, never a downloaded one) opens the
/// overview in many tabs and waits until each one's circuit is connected. The portal runs in this process, so this
/// process's managed heap and working set are the server's; the browser is another process. Playwright's own objects
/// live here too: the same number of static pages (no circuit) is opened afterwards and its cost per page subtracted.
/// </summary>
internal static class CircuitMemoryBenchmark
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>ASP.NET Core docs (Blazor Server hosting): about 250 KB per user for a minimal, Hello World-style app.</summary>
    public const double MicrosoftAnchorBytes = 250 * 1024;

    /// <summary>Share of RAM given to circuits when turning the figure into users; the rest is OS, runtime, caches, peaks.</summary>
    public const double RamBudget = 0.5;

    private const int Parallel = 4;

    private sealed record Memory(long ManagedBytes, long GcCommittedBytes, long WorkingSetBytes, int OpenCircuits, int ConnectedCircuits,
        long AnonymousBytes, long FileBytes, long SharedBytes, int Threads);

    public static async Task RunAsync(BenchmarkPortal portal, BenchmarkOptions options, Report report, MachineInfo machine)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}; install it with 'apt-get install -y chromium' (nothing is downloaded).");
        }

        var account = await portal.CreateAccountAsync();
        using var http = FormBrowser.CreateHttpClient(portal.BaseAddress);
        var signIn = new FormBrowser(http);
        await signIn.LoginAsync(account);
        var session = signIn.Cookie(BenchmarkPortal.SessionCookie)!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString(), Locale = "nl-NL" });
        await context.AddCookiesAsync([new Cookie { Name = BenchmarkPortal.SessionCookie, Value = session, Url = portal.BaseAddress.ToString() }]);

        // One page of each kind first, so JIT, caches and the first circuit's one-off costs are in the baseline.
        await OpenAsync(context, "/mijn-overzicht", 1, interactive: true);
        await OpenAsync(context, "/inloggen", 1, interactive: false);
        var baseline = await MeasureAsync(portal);

        var opening = Stopwatch.StartNew();
        await OpenAsync(context, "/mijn-overzicht", options.CircuitPages, interactive: true);
        var openSeconds = opening.Elapsed.TotalSeconds;
        var withCircuits = await MeasureAsync(portal);
        await OpenAsync(context, "/inloggen", options.ControlPages, interactive: false);
        var withControl = await MeasureAsync(portal);

        var pages = options.CircuitPages;
        var driverPerPage = Math.Max(0, (double)(withControl.ManagedBytes - withCircuits.ManagedBytes) / options.ControlPages);
        var managedPerCircuit = (double)(withCircuits.ManagedBytes - baseline.ManagedBytes) / pages - driverPerPage;
        var workingSetPerCircuit = (double)(withCircuits.WorkingSetBytes - baseline.WorkingSetBytes) / pages;
        var committedPerCircuit = (double)(withCircuits.GcCommittedBytes - baseline.GcCommittedBytes) / pages;
        var budget = machine.MemoryGiB * 1024 * 1024 * 1024 * RamBudget;

        report.Note($"Chromium {browser.Version}: {pages} tabs of /mijn-overzicht interactive in {openSeconds:0.0} s ({Parallel} at a time); "
            + $"circuits open/connected: before {baseline.OpenCircuits}/{baseline.ConnectedCircuits}, with the tabs {withCircuits.OpenCircuits}/{withCircuits.ConnectedCircuits}.");
        report.Note($"Managed heap {Mb(baseline.ManagedBytes)} → {Mb(withCircuits.ManagedBytes)} → {Mb(withControl.ManagedBytes)} MB (baseline → {pages} circuits → + {options.ControlPages} static pages); "
            + $"GC committed {Mb(baseline.GcCommittedBytes)} → {Mb(withCircuits.GcCommittedBytes)} → {Mb(withControl.GcCommittedBytes)} MB; "
            + $"working set {Mb(baseline.WorkingSetBytes)} → {Mb(withCircuits.WorkingSetBytes)} → {Mb(withControl.WorkingSetBytes)} MB.");
        report.Note($"Of the working set, anonymous memory (GC heap, native heaps, stacks) {Mb(baseline.AnonymousBytes)} → {Mb(withCircuits.AnonymousBytes)} MB, "
            + $"shared memory (JIT code, double-mapped for W^X) {Mb(baseline.SharedBytes)} → {Mb(withCircuits.SharedBytes)} MB, "
            + $"file-backed pages (the assemblies) {Mb(baseline.FileBytes)} → {Mb(withCircuits.FileBytes)} MB; threads {baseline.Threads} → {withCircuits.Threads}.");
        report.Add(new Figure("circuit.managedBytes", "c", "Managed heap per open circuit (/mijn-overzicht)", managedPerCircuit / 1024, "KiB",
            $"(live heap with {pages} circuits − baseline) / {pages}, after full GCs, minus {driverPerPage / 1024:0} KiB per page that the browser driver keeps here."));
        report.Add(new Figure("circuit.workingSetBytes", "c", "Working set per open circuit", workingSetPerCircuit / 1024, "KiB",
            $"Resident memory growth of the server process / {pages}; {committedPerCircuit / 1024:0} KiB of it is GC-committed memory (server GC keeps free space committed), the rest native."));
        report.Add(new Figure("circuit.usersByManaged", "c", $"Signed-in users in {RamBudget:P0} of {machine.MemoryGiB:0} GiB (managed basis)", budget / managedPerCircuit, "users",
            $"{RamBudget:P0} of RAM for circuits (the rest: OS, runtime, GC headroom, request peaks) / the managed figure; memory only, CPU not counted."));
        report.Add(new Figure("circuit.usersByWorkingSet", "c", $"Signed-in users in {RamBudget:P0} of {machine.MemoryGiB:0} GiB (working-set basis)", budget / workingSetPerCircuit, "users",
            $"The same budget / the working-set figure: the cautious bound ({pages} circuits are too few for the GC's fixed overhead to average out)."));
        report.Add(new Figure("circuit.vsMicrosoftAnchor", "c", "Managed per circuit ÷ Microsoft's minimal-circuit anchor", managedPerCircuit / MicrosoftAnchorBytes, "ratio",
            $"Microsoft quotes ~250 KB per user for a minimal Blazor Server app: {budget / MicrosoftAnchorBytes:N0} users in the same budget."));
        report.Detail("circuits", new
        {
            ChromiumVersion = browser.Version,
            Pages = pages,
            options.ControlPages,
            OpenSeconds = Math.Round(openSeconds, 1),
            Baseline = baseline,
            WithCircuits = withCircuits,
            WithControlPages = withControl,
            DriverBytesPerPage = driverPerPage,
            ManagedBytesPerCircuit = managedPerCircuit,
            GcCommittedBytesPerCircuit = committedPerCircuit,
            WorkingSetBytesPerCircuit = workingSetPerCircuit,
            RamBudgetFraction = RamBudget,
        });

        await context.CloseAsync();
    }

    private static async Task OpenAsync(IBrowserContext context, string path, int count, bool interactive)
    {
        using var gate = new SemaphoreSlim(Parallel);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
                if (!page.Url.Contains(path, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{path} ended on {page.Url}: the session cookie was not accepted.");
                }

                if (interactive)
                {
                    await page.Locator("main[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                }
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Full blocking, compacting collections until the heap stops shrinking, then the heap and working set.</summary>
    private static async Task<Memory> MeasureAsync(BenchmarkPortal portal)
    {
        // Let the last circuits finish their first renders and JS interop round trips.
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
        return new Memory(managed, GC.GetGCMemoryInfo().TotalCommittedBytes, process.WorkingSet64, portal.Circuits.Open, portal.Circuits.Connected,
            StatusKiB(status, "RssAnon:") * 1024, StatusKiB(status, "RssFile:") * 1024, StatusKiB(status, "RssShmem:") * 1024, process.Threads.Count);
    }

    /// <summary>A "Name:   123 kB" line of /proc/self/status (Linux); 0 elsewhere.</summary>
    private static long StatusKiB(string[] status, string name) =>
        status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
