using AveroPortal.Core.Login;

namespace AveroPortal.Blazor.Operations;

/// <summary>
/// Tells the operator at start-up what a password check will cost: the Argon2id setting and the gate, and, on Linux,
/// whether the kernel gives libsodium's 19 MiB per check huge pages. Without them each check spends a large share of
/// its time in page faults (on a small VM 15 of 38 ms), which costs an instance about a quarter of its logins; the fix is a
/// host setting, so a warning in the log is the portal's part.
/// </summary>
internal sealed class PasswordHashingAtStartup(PasswordHashing hashing, ILogger<PasswordHashingAtStartup> logger, Func<string?>? readMode = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = hashing.Options;
        var mode = (readMode ?? (() => TransparentHugePages.ReadMode()))();
        if (mode is null or "always")
        {
            logger.LogInformation("Password hashing: Argon2id {Parameters}, at most {MaxConcurrent} at once; transparent huge pages: {Mode}",
                options.PhcParameters, options.MaxConcurrent, mode ?? "not reported by this system");
        }
        else
        {
            logger.LogWarning("Password hashing: Argon2id {Parameters}, at most {MaxConcurrent} at once; transparent huge pages are '{Mode}', so every "
                + "check makes the kernel fill {MemoryKiB} KiB in 4 KiB pages. Set {Setting} to 'always' on this host: about 1.4 times the logins per "
                + "core (README, Operations).", options.PhcParameters, options.MaxConcurrent, mode, options.MemoryKiB, TransparentHugePages.SettingPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
