using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// An HttpClient that connects from a loopback address of its choice (127.0.0.2, 127.0.0.3, ...): Linux routes all
/// of 127.0.0.0/8 to lo, so tests can be several clients with addresses of their own on one machine.
/// </summary>
public static class LoopbackClient
{
    /// <summary>Cookies kept, redirects not followed; with <paramref name="server"/> only that certificate is trusted for TLS.</summary>
    public static HttpClient From(IPAddress local, Uri baseAddress, CookieContainer? cookies = null, X509Certificate2? server = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (server is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == server.GetCertHashString();
        }

        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
