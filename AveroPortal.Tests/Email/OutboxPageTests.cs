using System.Net;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using Dapper;

namespace AveroPortal.Tests.Email;

/// <summary>The Development outbox page lists times as the mails state them: Amsterdam time, not UTC.</summary>
public sealed class OutboxPageTests : IDisposable
{
    private readonly PortalFactory _factory = new() { EnvironmentName = "Development" };

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("2026-07-01T10:00:00Z", "1-7-2026 12:00")] // summer time, UTC+2
    [InlineData("2026-01-15T23:30:00Z", "16-1-2026 00:30")] // winter time, UTC+1, past midnight
    public async Task TimesAreShownInAmsterdamTime(string utc, string amsterdam)
    {
        var subject = "Outbox-tijd " + Guid.NewGuid().ToString("N");
        var id = await _factory.Get<OutboxRepository>().AddAsync(new EmailMessage("tijd@example.com", subject, "tekst", "<p>tekst</p>"));
        await using (var connection = await _factory.Get<Db>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE outbox SET created_at = @At WHERE id = @Id",
                new { At = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), Id = id });
        }

        var response = await FormClient.For(_factory).Http.GetAsync("/dev/outbox");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var at = page.IndexOf(subject, StringComparison.Ordinal);
        Assert.True(at >= 0, "The mail is not on the outbox page.");
        Assert.Contains($"<span data-testid=\"outbox-time\">{amsterdam}</span>", page, StringComparison.Ordinal);
    }
}
