namespace AveroPortal.Core.Login;

/// <summary>
/// The Linux kernel's transparent-huge-page mode, which decides a large part of what an Argon2id check costs here.
/// libsodium maps a fresh 19 MiB for every hash (mmap with MAP_POPULATE) and unmaps it afterwards; with the mode at
/// "madvise" (Debian's default) the kernel fills that mapping 4 KiB page by page, about 4,900 page faults a check,
/// which on a small VM took 15 of its 38 ms (docs/performance.md). With "always" it uses 2 MiB pages: about 10.
/// The portal can not ask for huge pages on libsodium's mapping itself, so it tells the operator (<c>ReadMode</c>).
/// </summary>
public static class TransparentHugePages
{
    public const string SettingPath = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// <summary>The mode the kernel uses ("always", "madvise", "never"), or null off Linux or when it can not be read.</summary>
    public static string? ReadMode(string path = SettingPath)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The kernel lists every mode and brackets the one in use: "always [madvise] never" is madvise.</summary>
    public static string? Parse(string setting)
    {
        var open = setting.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : setting.IndexOf(']', open + 1);
        if (close <= open + 1)
        {
            return null;
        }

        var mode = setting[(open + 1)..close].Trim();
        return mode.Length > 0 && mode.All(char.IsAsciiLetterLower) ? mode : null;
    }
}
