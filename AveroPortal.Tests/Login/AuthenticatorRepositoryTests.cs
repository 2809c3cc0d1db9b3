using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class AuthenticatorRepositoryTests : IAsyncLifetime
{
    private const long Step = 59_000_000;

    private TestDatabase _database = null!;
    private long _accountId;

    private AuthenticatorRepository Authenticators => _database.Authenticators;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _accountId = await _database.AddAccountAsync("jan@example.com", "not-a-real-hash");
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private Task<AuthenticatorBinding> CreatePendingAsync() => Authenticators.GetOrCreatePendingAsync(_accountId, () => "protected-secret");

    [Fact]
    public async Task PendingBindingIsCreatedOnceAndKeptOnTheNextCall()
    {
        var created = 0;
        string NewSecret() => $"secret-{++created}";

        var first = await Authenticators.GetOrCreatePendingAsync(_accountId, NewSecret);
        var second = await Authenticators.GetOrCreatePendingAsync(_accountId, NewSecret);

        Assert.Equal(1, created);
        Assert.Equal("secret-1", first.SecretProtected);
        Assert.Equal(first, second);
        Assert.False(first.IsEnrolled);
        Assert.Null(first.LastAcceptedStep);
    }

    [Fact]
    public async Task ConfirmingEnrollsAndAcceptsTheFirstStep()
    {
        await CreatePendingAsync();

        Assert.True(await Authenticators.TryConfirmAsync(_accountId, Step));

        var binding = await Authenticators.GetAsync(_accountId);
        Assert.True(binding!.IsEnrolled);
        Assert.Equal(Step, binding.LastAcceptedStep);
    }

    [Fact]
    public async Task ConfirmingTwiceIsRefused()
    {
        await CreatePendingAsync();
        await Authenticators.TryConfirmAsync(_accountId, Step);

        Assert.False(await Authenticators.TryConfirmAsync(_accountId, Step + 1));
    }

    [Fact]
    public async Task StepIsNotAcceptedBeforeConfirmation()
    {
        await CreatePendingAsync();

        Assert.False(await Authenticators.TryAcceptStepAsync(_accountId, Step));
    }

    [Fact]
    public async Task ReplayedStepIsRefused()
    {
        await CreatePendingAsync();
        await Authenticators.TryConfirmAsync(_accountId, Step);

        Assert.False(await Authenticators.TryAcceptStepAsync(_accountId, Step));
        Assert.True(await Authenticators.TryAcceptStepAsync(_accountId, Step + 1));
        Assert.False(await Authenticators.TryAcceptStepAsync(_accountId, Step + 1));
    }

    [Fact]
    public async Task OlderStepIsRefused()
    {
        await CreatePendingAsync();
        await Authenticators.TryConfirmAsync(_accountId, Step);
        await Authenticators.TryAcceptStepAsync(_accountId, Step + 1);

        Assert.False(await Authenticators.TryAcceptStepAsync(_accountId, Step));
        Assert.Equal(Step + 1, (await Authenticators.GetAsync(_accountId))!.LastAcceptedStep);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task ParallelSubmissionsOfOneStepAcceptExactlyOne(int parallel)
    {
        await CreatePendingAsync();
        await Authenticators.TryConfirmAsync(_accountId, Step);

        var results = await AllAtOnce.RunAsync(parallel, () => Authenticators.TryAcceptStepAsync(_accountId, Step + 1));

        Assert.Equal(1, results.Count(accepted => accepted));
    }

    [Fact]
    public async Task DeletingRemovesTheBinding()
    {
        await CreatePendingAsync();

        Assert.True(await Authenticators.DeleteAsync(_accountId));
        Assert.Null(await Authenticators.GetAsync(_accountId));
        Assert.False(await Authenticators.DeleteAsync(_accountId));
    }
}
