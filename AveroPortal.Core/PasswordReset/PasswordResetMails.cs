using System.Threading.Channels;
using AveroPortal.Core.Email;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.PasswordReset;

/// <summary>
/// Sends the forgotten-password mails after the answer has gone out. Sending (an SMTP round trip) is the one piece of
/// work only a real account causes; done in the request, its time would tell who has an account. The queue is
/// bounded by the rate limits in front of it (per client and per address).
/// </summary>
internal sealed class PasswordResetMails(IEmailSender email, ILogger<PasswordResetMails> logger) : BackgroundService
{
    private readonly Channel<EmailMessage> _queue = Channel.CreateUnbounded<EmailMessage>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(EmailMessage message) => _queue.Writer.TryWrite(message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await email.SendAsync(message, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The customer can ask again; the address is not logged (it says who asked).
                logger.LogError(Operations.SecurityEvents.MailFailed, "A password-reset mail ({Subject}) could not be sent: {Error}", message.Subject, Operations.LogScrub.Exception(e));
            }
        }
    }
}
