namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// Runs one operation on many dedicated threads released at the same moment. Thread-pool tasks on a small machine
/// mostly run one after another, which would let a racy check-then-write pass by luck.
/// </summary>
internal static class AllAtOnce
{
    public static async Task<T[]> RunAsync<T>(int count, Func<Task<T>> operation)
    {
        using var start = new Barrier(count);
        var tasks = Enumerable.Range(0, count)
            .Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return operation().GetAwaiter().GetResult();
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        return await Task.WhenAll(tasks);
    }
}
