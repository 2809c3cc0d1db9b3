using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;
using AveroPortal.Core.Login;

namespace AveroPortal.Benchmarks.Login;

/// <summary>
/// (a) The raw cost the portal can not avoid: Argon2id (PasswordHashing's check at the configured cost), on one thread
/// and on one thread per core, with nothing else around it; and, as the reference the goals of issue 16 are measured
/// against, PBKDF2-HMAC-SHA512 at 210,000 iterations (the portal's hash before issue 16) on the same threads.
/// </summary>
internal static class PasswordHashBenchmark
{
    /// <summary>The PBKDF2 work factor the portal used before issue 16 (OWASP's minimum for PBKDF2-HMAC-SHA512).</summary>
    public const int Pbkdf2Iterations = 210_000;

    /// <summary>Returns the all-core rates: Argon2id, the denominator of the end-to-end login ratio, and the PBKDF2 reference.</summary>
    public static HashRates Run(BenchmarkPortal portal, BenchmarkOptions options, Report report)
    {
        var hashing = portal.Get<PasswordHashing>();
        var cost = hashing.Options;
        var threads = Environment.ProcessorCount;
        var faultsBefore = MinorPageFaults();
        var timed = Stopwatch.StartNew();
        var single = Measure(hashing, 1, options.HashDuration);
        // Page faults of the whole process per check on one thread: libsodium's fresh 19 MiB mapping of each check
        // is nearly all of them, 4 KiB pages or 2 MiB ones depending on the kernel's transparent-huge-page mode.
        var faultsPerHash = (MinorPageFaults() - faultsBefore) / (single * timed.Elapsed.TotalSeconds);
        var hugePages = TransparentHugePages.ReadMode() ?? "not reported";
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var counted = Stopwatch.StartNew();
        var all = Measure(hashing, threads, options.HashDuration);
        // Process CPU per check on all cores: the load-independent side of the login ratio (a busy machine lowers
        // the rate, not the CPU one check takes); the idle portal's own threads are in it too.
        var cpuPerHash = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / (all * counted.Elapsed.TotalSeconds);
        report.Add(new Figure("hash.perCore", "a", "Argon2id verifications, 1 thread", single, "hashes/s",
            $"Argon2id (libsodium via NSec) at m = {cost.MemoryKiB} KiB, t = {cost.Iterations}, p = 1 (PasswordHashing's check): what one core checks per second; {1000 / single:0.0} ms each; {faultsPerHash:N0} page faults per check (transparent huge pages: {hugePages})."));
        report.Add(new Figure("hash.allCores", "a", $"Argon2id verifications, {threads} threads", all, "hashes/s",
            $"The same on {threads} threads (= Environment.ProcessorCount): the ceiling for password logins on this machine; {all / single:0.00}× one thread; {cpuPerHash:0.0} ms of process CPU per check."));

        var pbkdf2Single = MeasurePbkdf2(1, options.HashDuration);
        var pbkdf2All = MeasurePbkdf2(threads, options.HashDuration);
        report.Add(new Figure("hash.pbkdf2.perCore", "a", "Reference: PBKDF2-HMAC-SHA512 210,000, 1 thread", pbkdf2Single, "hashes/s",
            $"The portal's hash before issue 16, derived directly (Rfc2898DeriveBytes.Pbkdf2); {1000 / pbkdf2Single:0} ms each; Argon2id is {single / pbkdf2Single:0.0}× faster per check."));
        report.Add(new Figure("hash.pbkdf2.allCores", "a", $"Reference: PBKDF2-HMAC-SHA512 210,000, {threads} threads", pbkdf2All, "hashes/s",
            "The old ceiling for password logins on this machine: the reference of the goal 'end-to-end logins ≥ 4× PBKDF2'."));
        return new HashRates(all, pbkdf2All, cpuPerHash);
    }

    /// <summary>Argon2id checks per second on <paramref name="threads"/> threads for <paramref name="duration"/>, each thread in its own turn at the gate.</summary>
    public static double Measure(PasswordHashing hashing, int threads, TimeSpan duration)
    {
        var hash = hashing.HashAsync(BenchmarkPortal.Password).GetAwaiter().GetResult();
        var slots = Enumerable.Range(0, threads).Select(_ => hashing.EnterAsync().GetAwaiter().GetResult()).ToList();
        try
        {
            return Count(threads, duration, index => () =>
            {
                if (slots[index].Verify(hash, BenchmarkPortal.Password) == PasswordCheck.Failed)
                {
                    throw new InvalidOperationException("The benchmark password did not verify.");
                }
            });
        }
        finally
        {
            slots.ForEach(slot => slot.Dispose());
        }
    }

    /// <summary>The process's minor page faults so far (field 10 of /proc/self/stat); 0 where there is none.</summary>
    private static long MinorPageFaults()
    {
        const string stat = "/proc/self/stat";
        if (!File.Exists(stat))
        {
            return 0;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double MeasurePbkdf2(int threads, TimeSpan duration)
    {
        var password = Encoding.UTF8.GetBytes(BenchmarkPortal.Password);
        var salt = RandomNumberGenerator.GetBytes(16);
        return Count(threads, duration, _ => () => Rfc2898DeriveBytes.Pbkdf2(password, salt, Pbkdf2Iterations, HashAlgorithmName.SHA512, 32));
    }

    private static double Count(int threads, TimeSpan duration, Func<int, Action> work)
    {
        var counts = new long[threads];
        using var start = new Barrier(threads + 1);
        var stopwatch = new Stopwatch();
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            var step = work(index);
            start.SignalAndWait();
            while (stopwatch.Elapsed < duration)
            {
                step();
                counts[index]++;
            }
        })
        { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        start.SignalAndWait();
        stopwatch.Start();
        workers.ForEach(w => w.Join());
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }
}

/// <summary>All-core hash rates of one run: Argon2id at the configured cost and the PBKDF2 reference.</summary>
/// <param name="Argon2idCpuMsPerHash">Process CPU (ms) per Argon2id check on all cores.</param>
internal sealed record HashRates(double Argon2idAllCores, double Pbkdf2AllCores, double Argon2idCpuMsPerHash);
