using AveroPortal.Core.Email;

namespace AveroPortal.Tests.Email;

public sealed class OutboxEmailSenderTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private OutboxRepository Outbox => new(_database.Db, _database.Clock);

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private static EmailMessage Mail(string to) => new(to, $"Onderwerp voor {to}", $"Tekst voor {to}", $"<p>HTML voor {to}</p>");

    [Fact]
    public async Task SentMessageIsStoredWithAllItsParts()
    {
        await new OutboxEmailSender(Outbox).SendAsync(Mail("jan@example.com"));

        var stored = Assert.Single(await Outbox.LatestAsync());
        Assert.Equal("jan@example.com", stored.ToAddress);
        Assert.Equal("Onderwerp voor jan@example.com", stored.Subject);
        Assert.Equal("Tekst voor jan@example.com", stored.TextBody);
        Assert.Equal("<p>HTML voor jan@example.com</p>", stored.HtmlBody);
        Assert.Equal(ManualClock.DefaultStart.ToUnixTimeSeconds(), stored.CreatedAt);
    }

    [Fact]
    public async Task MessagesAreListedNewestFirst()
    {
        var sender = new OutboxEmailSender(Outbox);
        await sender.SendAsync(Mail("oud@example.com"));
        _database.Clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendAsync(Mail("nieuw@example.com"));

        var listed = await Outbox.LatestAsync();

        Assert.Equal(["nieuw@example.com", "oud@example.com"], listed.Select(m => m.ToAddress));
    }

    [Fact]
    public async Task MessagesFromTheSameSecondAreListedNewestFirst()
    {
        var sender = new OutboxEmailSender(Outbox);
        await sender.SendAsync(Mail("eerste@example.com"));
        await sender.SendAsync(Mail("tweede@example.com"));

        var listed = await Outbox.LatestAsync();

        Assert.Equal(["tweede@example.com", "eerste@example.com"], listed.Select(m => m.ToAddress));
    }

    [Fact]
    public async Task ListingStopsAtTheRequestedCount()
    {
        var sender = new OutboxEmailSender(Outbox);
        foreach (var n in Enumerable.Range(1, 3))
        {
            await sender.SendAsync(Mail($"klant{n}@example.com"));
        }

        var listed = await Outbox.LatestAsync(count: 2);

        Assert.Equal(["klant3@example.com", "klant2@example.com"], listed.Select(m => m.ToAddress));
    }
}
