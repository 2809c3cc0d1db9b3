using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace AveroPortal.Tests.Peers;

// The node process: starting it, reading its output, waiting until it is ready, finding the peer and node.
public sealed partial class OidcProviderPeer
{
    private static OidcProviderPeer Launch(string node, string peerDirectory, OidcPeerSettings settings, int port, RSA signingKey)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var configDirectory = Path.Combine(Path.GetTempPath(), "avero-idin-broker-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(configDirectory);
        var configPath = Path.Combine(configDirectory, "config.json");
        File.WriteAllText(configPath, ConfigJson(settings, port, signingKey, keyId));

        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = peerDirectory,
        };
        start.ArgumentList.Add("server.js");
        start.ArgumentList.Add(configPath);
        start.Environment["NODE_ENV"] = "test";

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var peer = new OidcProviderPeer(process, configDirectory, output, port, signingKey, keyId);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data, isStandardOutput: true);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data, isStandardOutput: false);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {node} server.js in {peerDirectory}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    private void Append(string? line, bool isStandardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (isStandardOutput && line.StartsWith("READY ", StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            _ready.TrySetResult(port);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var exited = _process.WaitForExitAsync();
        var finished = await Task.WhenAny(_ready.Task, exited, Task.Delay(StartupTimeout));
        if (finished == _ready.Task)
        {
            var port = await _ready.Task;
            if (port != Port)
            {
                throw new InvalidOperationException($"The iDIN broker peer listens on {port}, not on {Port}.\n{Output}");
            }

            return;
        }

        if (finished == exited)
        {
            // Let the last stderr lines arrive before quoting them.
            await Task.Delay(100);
            throw new InvalidOperationException(
                $"node server.js (iDIN broker peer) exited with code {_process.ExitCode} before READY.\n{Output}");
        }

        throw new InvalidOperationException(
            $"node server.js (iDIN broker peer) did not print READY within {StartupTimeout.TotalSeconds} s.\n{Output}");
    }

    private static string FindPeerDirectory([CallerFilePath] string sourceFile = "")
    {
        var root = FindRepositoryRoot(AppContext.BaseDirectory)
            ?? FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? FindRepositoryRoot(Path.GetDirectoryName(sourceFile))
            ?? throw new InvalidOperationException(
                $"No folder containing AveroPortal.sln above {AppContext.BaseDirectory} or {sourceFile}; cannot find the iDIN broker peer.");
        var peer = Path.Combine(root, "AveroPortal.Tests", "Peers", "idin-broker");
        if (!File.Exists(Path.Combine(peer, "server.js")))
        {
            throw new InvalidOperationException($"No server.js in {peer}.");
        }

        return peer;
    }

    private static string? FindRepositoryRoot(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AveroPortal.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
