using System.Diagnostics;
using System.Text;

namespace AveroPortal.Tests.Peers;

// The PHP built-in web server: starting it, waiting until the IdP answers, finding programs.
public sealed partial class SimpleSamlPhpIdp
{
    private static SimpleSamlPhpIdp Launch(string php, SimpleSamlPhpSp sp, int port)
    {
        var root = Path.Combine(Path.GetTempPath(), "avero-simplesamlphp-" + Guid.NewGuid().ToString("N"));
        var (certificate, certificatePem) = WriteConfiguration(root, sp, port);

        var start = new ProcessStartInfo(php)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        var arguments = new[]
        {
            "-d", "date.timezone=Europe/Amsterdam",
            "-d", "display_errors=stderr",
            "-d", "log_errors=Off",
            "-d", "error_reporting=" + (32767 & ~8192 & ~2048), // E_ALL & ~E_DEPRECATED & ~E_STRICT
            "-d", "session.save_path=" + Path.Combine(root, "sessions"),
            "-d", "sys_temp_dir=" + Path.Combine(root, "tmp"),
            "-S", $"127.0.0.1:{port}",
            "-t", Path.Combine(SimpleSamlPhpDir, "www"),
            Path.Combine(root, "router.php"),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SIMPLESAMLPHP_CONFIG_DIR"] = Path.Combine(root, "config");
        start.Environment.Remove("PHP_CLI_SERVER_WORKERS");
        start.Environment.Remove("PHPRC");

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {php}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SimpleSamlPhpIdp(root, process, output, port, certificate, certificatePem);
    }

    private async Task WaitUntilUpAsync()
    {
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
            {
                await Task.Delay(100);
                throw new InvalidOperationException(
                    $"php -S for SimpleSAMLphp exited with code {_process.ExitCode} before answering.\n{LogText()}");
            }

            try
            {
                using var response = await _http.GetAsync(MetadataUrl);
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && body.Contains("EntityDescriptor", StringComparison.Ordinal))
                {
                    return;
                }

                lastProblem = $"HTTP {(int)response.StatusCode}: {Truncate(body, 4000)}";
                if ((int)response.StatusCode >= 500)
                {
                    // The server is up but SimpleSAMLphp is broken (bad config, missing extension): no use waiting.
                    throw new InvalidOperationException(
                        $"SimpleSAMLphp metadata at {MetadataUrl} failed: {lastProblem}\n{LogText()}");
                }
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException e)
            {
                lastProblem = e.Message;
            }

            await Task.Delay(150);
        }

        throw new InvalidOperationException(
            $"SimpleSAMLphp did not serve {MetadataUrl} within {StartupTimeout.TotalSeconds} s (last: {lastProblem}).\n{LogText()}");
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";

    private static int FreePort() => AveroPortal.Tests.Infrastructure.PortalFactory.FreePort();

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
