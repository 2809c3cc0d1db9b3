using System.Diagnostics;
using System.Globalization;

namespace AveroPortal.Benchmarks.Reporting;

/// <summary>What the machine did while one part ran, so a figure can be judged: CPU used by this process (the portal
/// and the load generator) and by everything else (the browser in part c, and anything another user runs), CPU
/// stolen by the hypervisor, and how far the thread pool had to grow.</summary>
internal sealed record PartLoad(string Part, double Seconds, double OwnCores, double OtherCores, double StolenCores, int ThreadPoolThreadsMax, long ThreadPoolQueueMax,
    long Exceptions, IReadOnlyDictionary<string, long> ExceptionKinds, IReadOnlyDictionary<string, string> ExceptionsFirstThrownAt)
{
    public override string ToString()
    {
        var kinds = string.Join("; ", ExceptionKinds.OrderByDescending(k => k.Value).Take(3)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Value:N0} × {k.Key}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Seconds:0} s; CPU: this process {OwnCores:0.00} cores, other processes {OtherCores:0.00}, stolen {StolenCores:0.00}; "
            + $"thread pool up to {ThreadPoolThreadsMax} threads, queue up to {ThreadPoolQueueMax}; {Exceptions:N0} exceptions thrown")
            + (kinds.Length == 0 ? "" : " (" + kinds + ")");
    }
}

internal sealed class PartMonitor : IDisposable
{
    private const double JiffiesPerSecond = 100; // USER_HZ on Linux.

    private readonly string _part;
    private readonly Action<PartLoad> _done;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly TimeSpan _ownBefore = Environment.CpuUsage.TotalTime;
    private readonly (long Busy, long Steal) _systemBefore = SystemJiffies();
    private readonly PeriodicTimer _timer = new(TimeSpan.FromMilliseconds(100));
    private readonly Task _sampler;
    private readonly ExceptionCounter _exceptions = new();
    private int _threadsMax;
    private long _queueMax;

    public PartMonitor(string part, Action<PartLoad> done)
    {
        _part = part;
        _done = done;
        _sampler = Task.Run(async () =>
        {
            // Disposing the timer ends the loop without an exception, which would show up in the counts.
            do
            {
                _threadsMax = Math.Max(_threadsMax, ThreadPool.ThreadCount);
                _queueMax = Math.Max(_queueMax, ThreadPool.PendingWorkItemCount);
            }
            while (await _timer.WaitForNextTickAsync());
        });
    }

    public void Dispose()
    {
        _timer.Dispose();
        _sampler.Wait();
        _exceptions.Dispose();
        var seconds = _stopwatch.Elapsed.TotalSeconds;
        var own = (Environment.CpuUsage.TotalTime - _ownBefore).TotalSeconds / seconds;
        var (busy, steal) = SystemJiffies();
        var system = (busy - _systemBefore.Busy) / JiffiesPerSecond / seconds;
        var stolen = (steal - _systemBefore.Steal) / JiffiesPerSecond / seconds;
        _done(new PartLoad(_part, Math.Round(seconds, 1), Math.Round(own, 2), Math.Round(Math.Max(0, system - own), 2), Math.Round(stolen, 2), _threadsMax, _queueMax,
            _exceptions.Total, _exceptions.Kinds, _exceptions.WhereFirst));
    }

    /// <summary>Busy (user, nice, system, irq, softirq) and steal jiffies of all CPUs from /proc/stat; zeros elsewhere.</summary>
    private static (long Busy, long Steal) SystemJiffies()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6], fields.Length > 7 ? fields[7] : 0);
    }
}
