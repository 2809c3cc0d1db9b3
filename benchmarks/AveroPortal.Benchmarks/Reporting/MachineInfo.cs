using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace AveroPortal.Benchmarks.Reporting;

/// <summary>The machine the figures come from; without it they compare with nothing.</summary>
internal sealed partial record MachineInfo(string Cpu, int LogicalCores, double MemoryGiB, string Os, string Kernel, string DotNet, string GarbageCollector, string HugePages)
{
    public static MachineInfo Read() => new(
        CpuModel(),
        Environment.ProcessorCount,
        Math.Round(MemoryKiB() / 1024.0 / 1024.0, 1),
        OsName(),
        File.Exists("/proc/sys/kernel/osrelease") ? "Linux " + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : ""),
        // Decides much of an Argon2id check's cost (libsodium maps 19 MiB per check): see TransparentHugePages.
        AveroPortal.Core.Login.TransparentHugePages.ReadMode() ?? "not reported");

    public override string ToString() =>
        $"{Cpu}, {LogicalCores} logical cores, {MemoryGiB:0.#} GiB RAM, {Os} ({Kernel}), {DotNet}, {GarbageCollector} GC, transparent huge pages: {HugePages}";

    private static string CpuModel() =>
        ReadMatch("/proc/cpuinfo", ModelNamePattern()) ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static long MemoryKiB() =>
        long.TryParse(ReadMatch("/proc/meminfo", MemTotalPattern()), out var kib) ? kib : 0;

    private static string OsName() =>
        ReadMatch("/etc/os-release", PrettyNamePattern()) ?? RuntimeInformation.OSDescription;

    private static string? ReadMatch(string file, Regex pattern) =>
        File.Exists(file) && pattern.Match(File.ReadAllText(file)) is { Success: true } match ? match.Groups[1].Value.Trim() : null;

    [GeneratedRegex(@"^model name\s*:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ModelNamePattern();

    [GeneratedRegex(@"^MemTotal:\s*(\d+)\s*kB", RegexOptions.Multiline)]
    private static partial Regex MemTotalPattern();

    [GeneratedRegex("^PRETTY_NAME=\"?([^\"\\n]+)\"?$", RegexOptions.Multiline)]
    private static partial Regex PrettyNamePattern();
}
