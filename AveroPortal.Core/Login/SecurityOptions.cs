using AveroPortal.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Core.Login;

/// <summary>
/// Avero:Security: the password hash's cost and gate (<see cref="PasswordHashingOptions"/>), the per-address budget of
/// writing requests, and how often an open page re-checks its session. Each has a range it can work in; outside it
/// start-up stops naming the key.
/// </summary>
public sealed record SecurityOptions(PasswordHashingOptions PasswordHashing, int LoginRateLimitPerMinute, TimeSpan SessionRevalidationInterval)
{
    public const string Section = "Avero:Security";
    public const int MaxSessionRevalidationSeconds = 300;

    public static SecurityOptions Read(IConfiguration configuration) => new(
        PasswordHashingOptions.Read(configuration),
        ConfigurationValues.IntInRange(configuration, $"{Section}:LoginRateLimitPerMinute", 30, 1),
        TimeSpan.FromSeconds(ConfigurationValues.IntInRange(configuration, $"{Section}:SessionRevalidationSeconds", 30, 1, MaxSessionRevalidationSeconds)));
}
