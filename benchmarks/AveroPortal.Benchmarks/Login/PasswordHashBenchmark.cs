using System.Diagnostics;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;
using AveroPortal.Core.Login;

namespace AveroPortal.Benchmarks.Login;

/// <summary>
/// (a) The raw cost the portal can not avoid: PasswordHashing.Verify at the configured work factor, on one thread and
/// on one thread per core, with nothing else around it.
/// </summary>
internal static class PasswordHashBenchmark
{
    /// <summary>Returns the rate across all cores, the denominator of the end-to-end login ratio.</summary>
    public static double Run(BenchmarkPortal portal, BenchmarkOptions options, Report report)
    {
        var hashing = portal.Get<PasswordHashing>();
        var single = Measure(hashing, 1, options.HashDuration);
        var threads = Environment.ProcessorCount;
        var all = Measure(hashing, threads, options.HashDuration);
        report.Add(new Figure("hash.perCore", "a", "Password hash verifications, 1 thread", single, "hashes/s",
            $"PBKDF2-HMAC-SHA512 at {hashing.Iterations:N0} iterations (PasswordHashing.Verify): what one core checks per second; {1000 / single:0} ms each."));
        report.Add(new Figure("hash.allCores", "a", $"Password hash verifications, {threads} threads", all, "hashes/s",
            $"The same on {threads} threads (= Environment.ProcessorCount): the ceiling for password logins on this machine; {all / single:0.00}× one thread."));
        return all;
    }

    /// <summary>Verifications per second on <paramref name="threads"/> threads for <paramref name="duration"/>.</summary>
    public static double Measure(PasswordHashing hashing, int threads, TimeSpan duration)
    {
        var hash = hashing.Hash(BenchmarkPortal.Password);
        var counts = new long[threads];
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            while (stopwatch.Elapsed < duration)
            {
                if (hashing.Verify(hash, BenchmarkPortal.Password) == PasswordCheck.Failed)
                {
                    throw new InvalidOperationException("The benchmark password did not verify.");
                }

                counts[index]++;
            }
        })
        { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }
}
