using System.Globalization;

namespace AveroPortal.Benchmarks;

/// <summary>What to run and how long each part may take. A full run stays under five minutes, a quick one under one.</summary>
internal sealed record BenchmarkOptions(bool Quick, string OutputPath, IReadOnlySet<string> Parts, Uri? FirstVisitAt = null,
    IReadOnlyList<int>? LoginClientLevels = null, double? LoginSeconds = null)
{
    public const string Command = "dotnet run -c Release --project benchmarks/AveroPortal.Benchmarks";

    public static readonly string[] AllParts = ["hash", "totp", "logins", "bytes", "latency", "circuits", "render"];

    public TimeSpan HashDuration => Seconds(Quick ? 1.5 : 5);

    public TimeSpan TotpDuration => Seconds(Quick ? 1 : 4);

    /// <summary>
    /// 16 shows whether 8 was already the best level: past the point where the hashes fill the cores, more clients
    /// only queue at the gate. <c>--login-clients</c> chooses others (a profiling run at one level, say).
    /// </summary>
    public IReadOnlyList<int> LoginClients => LoginClientLevels ?? [1, 2, 4, 8, 16];

    public TimeSpan LoginDuration => Seconds(LoginSeconds ?? (Quick ? 2 : 10));

    public int LatencyClients => 200;

    public TimeSpan LatencyWarmUp => Seconds(Quick ? 1 : 3);

    public TimeSpan LatencyDuration => Seconds(Quick ? 3 : 15);

    public int CircuitPages => Quick ? 10 : 100;

    /// <summary>Static pages opened the same way, to subtract what the browser driver itself keeps per page.</summary>
    public int ControlPages => Quick ? 5 : 50;

    public bool Runs(string part) => Parts.Contains(part);

    public static BenchmarkOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var quick = false;
        string? output = null;
        Uri? firstVisitAt = null;
        List<int>? loginClients = null;
        double? loginSeconds = null;
        var parts = new HashSet<string>(AllParts, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "--bytes-at" when i + 1 < args.Count && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var at):
                    firstVisitAt = at;
                    i++;
                    break;
                case "--login-clients" when i + 1 < args.Count:
                    loginClients = [];
                    foreach (var level in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var clients) || clients is < 1 or > 1000)
                        {
                            error.WriteLine($"--login-clients takes numbers from 1 to 1000, separated by commas; '{level}' is not one.");
                            return null;
                        }

                        loginClients.Add(clients);
                    }

                    break;
                case "--login-seconds" when i + 1 < args.Count && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600:
                    loginSeconds = seconds;
                    i++;
                    break;
                case "--only" when i + 1 < args.Count:
                    parts = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                    if (parts.Except(AllParts, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } unknown)
                    {
                        error.WriteLine($"Unknown part '{unknown}'; the parts are {string.Join(", ", AllParts)}.");
                        return null;
                    }

                    break;
                default:
                    error.WriteLine($"""
                        Usage: {Command} [-- [--quick] [--out path.json] [--only {string.Join(",", AllParts)}] [--bytes-at http://host:port] [--login-clients 1,2,4,8,16] [--login-seconds 10]]
                          --quick   a short smoke run (under a minute)
                          --out     where the JSON goes (default benchmarks/results/latest.json in the repository)
                          --only    run some of the parts (comma-separated)
                          --bytes-at  part e measures a portal already running there (dotnet run, or a publish) instead of the in-process one
                          --login-clients, --login-seconds  part a's login levels and how long each runs (default 1,2,4,8,16 and 10 s)
                        """);
                    return null;
            }
        }

        return new BenchmarkOptions(quick, Path.GetFullPath(output ?? Path.Combine(RepositoryRoot(), "benchmarks", "results", "latest.json")), parts, firstVisitAt,
            loginClients, loginSeconds);
    }

    /// <summary>The folder with AveroPortal.sln above the working directory; the build output lives elsewhere.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AveroPortal.sln")))
            {
                return folder.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Quick ? "quick" : "full")} run, parts: {string.Join(",", AllParts.Where(Runs))}{(FirstVisitAt is null ? "" : ", first visit at " + FirstVisitAt)}");
}
