using System.Diagnostics;
using System.Globalization;
using System.Net;
using AveroPortal.Benchmarks.Portal;

namespace AveroPortal.Benchmarks.Render;

/// <summary>
/// The same requests as part f's in-process clients, sent from a child process (this program started again with
/// <see cref="Argument"/>), so this process's allocated bytes are the server's alone: the in-process figure adds the
/// HttpClient's share. The child warms up, says "ready", waits for "go" on its input, sends the measured requests
/// and answers "done ok errors"; the server counts only between "go" and "done".
/// </summary>
internal static class LoadClientProcess
{
    public const string Argument = "--load-client";

    internal sealed record Result(int Ok, int Errors, long ServerAllocatedBytes);

    /// <summary>Runs in this process: starts the child, counts this process's allocations while it sends.</summary>
    public static async Task<Result> MeasureAsync(Uri baseAddress, string path, IReadOnlyList<string> cookies, int warmUp, int requests, int clients)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under 'dotnet AveroPortal.Benchmarks.dll' the process is the muxer, which needs the assembly named.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoadClientProcess).Assembly.Location);
        }

        foreach (var argument in new[] { Argument, baseAddress.ToString(), path, Text(warmUp), Text(requests), Text(clients) }.Concat(cookies))
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The load client did not start.");
        try
        {
            await Expect(child, "ready");
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await child.StandardInput.WriteLineAsync("go");
            await child.StandardInput.FlushAsync();
            var done = (await Expect(child, "done")).Split(' ');
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            await child.WaitForExitAsync();
            return new Result(int.Parse(done[1], CultureInfo.InvariantCulture), int.Parse(done[2], CultureInfo.InvariantCulture), allocated);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    /// <summary>Runs in the child: arguments base path warm-up requests clients cookie...</summary>
    public static async Task<int> RunChildAsync(IReadOnlyList<string> args)
    {
        var baseAddress = new Uri(args[1]);
        var path = args[2];
        var (warmUp, requests, clients) = (Number(args[3]), Number(args[4]), Number(args[5]));
        var cookies = args.Skip(6).ToList();
        using var http = FormBrowser.CreateHttpClient(baseAddress, clients * 2);
        await SendAsync(http, path, cookies, warmUp, clients);
        Console.WriteLine("ready");
        if (await Console.In.ReadLineAsync() != "go")
        {
            return 1;
        }

        var (ok, errors) = await SendAsync(http, path, cookies, requests, clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {ok} {errors}"));
        return 0;
    }

    private static async Task<(int Ok, int Errors)> SendAsync(HttpClient http, string path, IReadOnlyList<string> cookies, int requests, int clients)
    {
        var next = -1;
        var ok = 0;
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", cookies[client % cookies.Count]);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                _ = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return (ok, errors);
    }

    private static async Task<string> Expect(Process child, string word)
    {
        var line = await child.StandardOutput.ReadLineAsync();
        return line is not null && line.StartsWith(word, StringComparison.Ordinal)
            ? line
            : throw new InvalidOperationException($"The load client answered '{line}' instead of '{word}'.");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
