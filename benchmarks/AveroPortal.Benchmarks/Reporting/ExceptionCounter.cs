using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace AveroPortal.Benchmarks.Reporting;

/// <summary>
/// Counts exceptions thrown anywhere in this process (the portal runs here), caught or not, by type and the first
/// words of their message: exceptions on a request path cost far more than the code around them.
/// </summary>
internal sealed class ExceptionCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _kinds = new();
    private readonly ConcurrentDictionary<string, string> _whereFirst = new();
    private long _total;

    public ExceptionCounter() => AppDomain.CurrentDomain.FirstChanceException += OnException;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<string, long> Kinds => new Dictionary<string, long>(_kinds);

    /// <summary>Where each kind was first thrown: the calling frames, for finding the code that throws.</summary>
    public IReadOnlyDictionary<string, string> WhereFirst => new Dictionary<string, string>(_whereFirst);

    public void Dispose() => AppDomain.CurrentDomain.FirstChanceException -= OnException;

    private void OnException(object? sender, FirstChanceExceptionEventArgs e)
    {
        Interlocked.Increment(ref _total);
        var message = e.Exception.Message;
        var key = e.Exception.GetType().Name + ": " + (message.Length > 70 ? message[..70] + "…" : message);
        if (_kinds.AddOrUpdate(key, 1, (_, count) => count + 1) == 1)
        {
            var frames = Environment.StackTrace.Split('\n').Select(f => f.Trim())
                .Where(f => !f.Contains("ExceptionCounter", StringComparison.Ordinal) && !f.StartsWith("at System.Environment", StringComparison.Ordinal)
                    && !f.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal))
                .Take(14);
            _whereFirst.TryAdd(key, string.Join(" | ", frames));
        }
    }
}
