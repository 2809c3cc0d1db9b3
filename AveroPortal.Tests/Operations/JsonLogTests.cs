using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace AveroPortal.Tests.Operations;

/// <summary>
/// The built portal as its own process with Avero:Logging:Format=Json, so the test reads what really reaches the
/// console: JSON lines with the security events' ids, and none of the secrets of a full login in any of them.
/// </summary>
public sealed class JsonLogTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process _portal = default!;
    private Uri _base = default!;

    public async Task InitializeAsync()
    {
        // The factory migrates the database file the process then uses (and shares its key ring next to it).
        _ = _factory.Server;
        var port = PortalFactory.FreePort();
        _base = new Uri($"http://127.0.0.1:{port}/");
        var bin = Path.Combine(SolutionDirectory(), "AveroPortal.Blazor", "bin", "Release", "net10.0");
        var start = new ProcessStartInfo("dotnet", $"{Path.Combine(bin, "AveroPortal.Blazor.dll")} --urls {_base}")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Avero__Database__Path"] = _factory.DatabasePath;
        start.Environment["Avero__Seed__DemoData"] = "false";
        start.Environment["Avero__Logging__Format"] = "Json";
        // As chatty as an operator may make it: the framework's request lines too.
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Information";
        _portal = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _portal.OutputDataReceived += (_, e) => Keep(e.Data);
        _portal.ErrorDataReceived += (_, e) => Keep(e.Data);
        _portal.BeginOutputReadLine();
        _portal.BeginErrorReadLine();
        _ = _portal.WaitForExitAsync().ContinueWith(_ => _listening.TrySetException(new InvalidOperationException("The portal stopped: " + string.Join('\n', Lines))),
            TaskScheduler.Default);
        await _listening.Task;
    }

    private IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        if (line.Contains("Now listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    public async Task DisposeAsync()
    {
        if (!_portal.HasExited)
        {
            _portal.Kill();
            await _portal.WaitForExitAsync();
        }

        _portal.Dispose();
        _factory.Dispose();
    }

    private static string SolutionDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AveroPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("AveroPortal.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task AFullLoginLogsJsonLinesWithoutPasswordCodeTokenOrAddress()
    {
        var account = await _factory.CreateAccountAsync();
        var cookies = new CookieContainer();
        var client = new FormClient(LoopbackClient.From(IPAddress.Loopback, _base, cookies));
        const string wrongPassword = "Verkeerd-wachtwoord-77";
        await client.PostPasswordAsync("particulier", account.Email, wrongPassword);
        var password = await client.PostPasswordAsync("particulier", account.Email, account.Password);
        var pending = cookies.GetAllCookies()[Responses.PendingCookie]?.Value;
        var code = account.Code();
        var signedIn = await client.PostCodeAsync(code);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = cookies.GetAllCookies()[Responses.SessionCookie]?.Value;
        Assert.False(string.IsNullOrEmpty(session));
        Assert.False(string.IsNullOrEmpty(pending));
        await client.GetAsync("/mijn-overzicht");
        await client.GetAsync("/wachtwoord-herstellen/link?token=geheim-token-uit-een-mail");

        // The process logs on its own threads: the lines of this login are those of its own events, so wait for the
        // sign-in event itself before reading.
        await SignedInLoggedAsync();
        var lines = Lines;
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement)
            .Select(json => (Id: json.GetProperty("EventId").GetInt32(), Category: json.GetProperty("Category").GetString())).ToList();
        Assert.Contains((1001, "AveroPortal.Core.Login.LoginEventRepository"), events);
        Assert.Contains((1002, "AveroPortal.Core.Login.LoginEventRepository"), events);

        var output = string.Join('\n', lines);
        foreach (var secret in new[] { account.Password, wrongPassword, account.Email, account.Email.Split('@')[0], session!, pending!, "geheim-token-uit-een-mail" })
        {
            Assert.DoesNotContain(secret, output, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("\"" + code + "\"", output);
        Assert.DoesNotContain(" " + code, output);
        Assert.DoesNotContain(Convert.ToBase64String(account.Secret!), output);
    }

    private async Task SignedInLoggedAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (!Lines.Any(line => line.Contains("\"EventId\":1001", StringComparison.Ordinal)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30) || _portal.HasExited)
            {
                throw new InvalidOperationException("No sign-in event (1001) in the portal's output:\n" + string.Join('\n', Lines));
            }

            await Task.Delay(50);
        }
    }
}
