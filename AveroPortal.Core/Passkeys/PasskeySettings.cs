using AveroPortal.Core.Login;

namespace AveroPortal.Core.Passkeys;

/// <summary>The customer's own passkeys: list, rename, remove (the caller re-authenticated for a removal). Never key material.</summary>
public sealed class PasskeySettings(PasskeyCredentialRepository credentials, LoginEventRepository events, PasskeyMails mails)
{
    public const int MaxNameLength = 50;

    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(long accountId) =>
        [.. (await credentials.ListAsync(accountId)).Select(c => c.Summary)];

    public async Task<bool> HasAnyAsync(long accountId) => await credentials.CountAsync(accountId) > 0;

    public async Task<PasskeyChangeOutcome> RenameAsync(Account account, long passkeyId, string? name, ClientInfo client)
    {
        if (CheckName(name) is not { } cleanName)
        {
            return PasskeyChangeOutcome.BadInput;
        }

        if (!await credentials.RenameAsync(account.Id, passkeyId, cleanName))
        {
            return PasskeyChangeOutcome.NotFound;
        }

        await events.AddAsync(account.Id, account.Portal, PasskeyEvents.SettingsMethod, PasskeyEvents.Renamed, client);
        await mails.TryNotifyAsync(account, PasskeyChange.Renamed, cleanName);
        return PasskeyChangeOutcome.Done;
    }

    public async Task<PasskeyChangeOutcome> RemoveAsync(Account account, long passkeyId, ClientInfo client)
    {
        if (await credentials.GetAsync(account.Id, passkeyId) is not { } credential || !await credentials.DeleteAsync(account.Id, passkeyId))
        {
            return PasskeyChangeOutcome.NotFound;
        }

        await events.AddAsync(account.Id, account.Portal, PasskeyEvents.SettingsMethod, PasskeyEvents.Removed, client);
        await mails.TryNotifyAsync(account, PasskeyChange.Removed, credential.Name);
        return PasskeyChangeOutcome.Done;
    }

    /// <summary>The name as stored (trimmed, 1 to <see cref="MaxNameLength"/> characters, no control characters), or null.</summary>
    public static string? CheckName(string? name)
    {
        var trimmed = name?.Trim();
        return trimmed is { Length: > 0 and <= MaxNameLength } && !trimmed.Any(char.IsControl) ? trimmed : null;
    }
}
