using System.Globalization;
using AveroPortal.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Core.Login;

/// <summary>
/// Avero:Security:PasswordHashing: Argon2id's cost (memory in KiB, passes; libsodium always computes one lane) and the
/// gate in front of it (how many hashes may run at once, how long a caller waits for a turn). Less than OWASP's
/// minimum (m = 19 MiB, t = 2, p = 1) stops start-up. OWASP's other trade-offs (less memory for more passes) are not
/// offered: the memory is what makes a guessing rig expensive, so neither may go below the minimum.
/// </summary>
public sealed record PasswordHashingOptions(int MemoryKiB, int Iterations, int MaxConcurrent, TimeSpan MaxWait)
{
    public const string Section = SecurityOptions.Section + ":PasswordHashing";

    /// <summary>OWASP Password Storage Cheat Sheet, Argon2id: m = 19 MiB.</summary>
    public const int MinimumMemoryKiB = 19 * 1024;

    /// <summary>OWASP's t = 2 at m = 19 MiB.</summary>
    public const int MinimumIterations = 2;

    /// <summary>Bounds that keep one hash within a request's time and memory; a stored hash beyond them is refused too.</summary>
    public const int MaximumMemoryKiB = 1024 * 1024;

    public const int MaximumIterations = 16;

    public const int DefaultMaxWaitMilliseconds = 5000;

    public static readonly PasswordHashingOptions Default = new(MinimumMemoryKiB, MinimumIterations, DefaultMaxConcurrent, TimeSpan.FromMilliseconds(DefaultMaxWaitMilliseconds));

    /// <summary>Two hashes per core keep the cores busy while others wait on the database; 19 MiB each.</summary>
    public static int DefaultMaxConcurrent => 2 * Environment.ProcessorCount;

    public static PasswordHashingOptions Read(IConfiguration configuration)
    {
        if (ConfigurationValues.Optional(configuration, $"{SecurityOptions.Section}:PasswordHashIterations") is { } old)
        {
            throw new InvalidOperationException($"{SecurityOptions.Section}:PasswordHashIterations is '{old}', maar PBKDF2 is vervangen door Argon2id: "
                + $"verwijder die instelling en gebruik {Section}:MemoryKiB en {Section}:Iterations.");
        }

        if (ConfigurationValues.Optional(configuration, $"{Section}:Parallelism") is { } parallelism && parallelism.Trim() != "1")
        {
            throw new InvalidOperationException($"{Section}:Parallelism is '{parallelism}'; libsodium rekent Argon2id altijd met p = 1, kies 1 of laat de instelling weg.");
        }

        return new(
            AtLeastOwasp(configuration, "MemoryKiB", MinimumMemoryKiB, MaximumMemoryKiB),
            AtLeastOwasp(configuration, "Iterations", MinimumIterations, MaximumIterations),
            ConfigurationValues.IntInRange(configuration, $"{Section}:MaxConcurrent", DefaultMaxConcurrent, 1, 1024),
            TimeSpan.FromMilliseconds(ConfigurationValues.IntInRange(configuration, $"{Section}:MaxWaitMilliseconds", DefaultMaxWaitMilliseconds, 0, 60_000)));
    }

    /// <summary>The PHC parameter string of this cost, as stored in every new hash.</summary>
    public string PhcParameters => string.Create(CultureInfo.InvariantCulture, $"m={MemoryKiB},t={Iterations},p=1");

    private static int AtLeastOwasp(IConfiguration configuration, string name, int minimum, int maximum)
    {
        var key = $"{Section}:{name}";
        var value = ConfigurationValues.Optional(configuration, key);
        if (value is null)
        {
            return minimum;
        }

        var range = string.Create(CultureInfo.InvariantCulture, $"kies een heel getal van {minimum} tot en met {maximum}");
        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number > maximum)
        {
            throw new InvalidOperationException($"{key} is '{value}'; {range}.");
        }

        return number >= minimum ? number : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{key} is '{value}': minder dan het minimum van OWASP voor Argon2id (m = {MinimumMemoryKiB} KiB = 19 MiB, t = {MinimumIterations}, p = 1); {range}."));
    }
}
