using System.Collections.Concurrent;
using AveroPortal.Core.Email;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>Keeps sent mail in memory for Core tests; the browser tests use a real SMTP server instead.</summary>
internal sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> _sent = new();

    public IReadOnlyList<EmailMessage> Sent => _sent.ToArray();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
