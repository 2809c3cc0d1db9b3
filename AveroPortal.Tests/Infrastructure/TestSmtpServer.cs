using System.Buffers;
using System.Net;
using MimeKit;
using Server = SmtpServer.SmtpServer;
using ServiceProvider = SmtpServer.ComponentModel.ServiceProvider;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a free loopback port that keeps every message it receives, parsed with MimeKit.
/// With credentials, it only accepts mail after AUTH with exactly those (over plain text: it is loopback).
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Store _store;
    private readonly CancellationTokenSource _stop;
    private readonly Task _run;

    private TestSmtpServer(int port, Store store, CancellationTokenSource stop, Task run)
    {
        Port = port;
        _store = store;
        _stop = stop;
        _run = run;
    }

    public int Port { get; }

    /// <summary>The portal's configuration for sending its mail here; <paramref name="more"/> adds a test's own settings.</summary>
    public Dictionary<string, string> PortalSettings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Avero:Smtp:Host"] = "127.0.0.1",
            ["Avero:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Avero:Smtp:Security"] = "None",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public IReadOnlyList<MimeMessage> Messages => _store.Snapshot();

    public static async Task<TestSmtpServer> StartAsync(string? userName = null, string? password = null)
    {
        var port = FreePort();
        var listeners = new EndpointListenerFactory();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, _) => listening.TrySetResult();

        var requiresAuth = userName is not null;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b
                .Port(port)
                .Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AuthenticationRequired(requiresAuth)
                .AllowUnsecureAuthentication(requiresAuth))
            .Build();

        var store = new Store();
        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(store);
        if (requiresAuth)
        {
            services.Add(new DelegatingUserAuthenticator((user, pass) => user == userName && pass == password));
        }

        var stop = new CancellationTokenSource();
        var run = new Server(options, services).StartAsync(stop.Token);
        var started = new TestSmtpServer(port, store, stop, run);

        // Sending before the socket is bound would be refused; wait for the listener, but not for ever.
        if (await Task.WhenAny(listening.Task, run, Task.Delay(TimeSpan.FromSeconds(10))) != listening.Task)
        {
            await started.DisposeAsync();
            throw new InvalidOperationException($"The test SMTP server did not start listening on port {port}.");
        }

        return started;
    }

    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Messages.FirstOrDefault(match) is { } message)
            {
                return message;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var arrived = Messages.Select(m => $"to {m.To} '{m.Subject}'").ToList();
                throw new TimeoutException(
                    $"No matching message on the test SMTP server (port {Port}) within {timeout.TotalSeconds} s. "
                    + (arrived.Count == 0 ? "Nothing arrived." : $"Arrived: {string.Join("; ", arrived)}."));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        _stop.Dispose();
    }

    private static int FreePort() => AveroPortal.Tests.Infrastructure.PortalFactory.FreePort();

    private sealed class Store : MessageStore
    {
        private readonly Lock _lock = new();
        private readonly List<MimeMessage> _messages = [];

        public IReadOnlyList<MimeMessage> Snapshot()
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }

        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            // The buffer is only valid during this call, so copy it before parsing.
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (_lock)
            {
                _messages.Add(message);
            }

            return SmtpResponse.Ok;
        }
    }
}
