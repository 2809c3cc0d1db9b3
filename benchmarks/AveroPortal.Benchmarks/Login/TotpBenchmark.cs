using System.Diagnostics;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;

namespace AveroPortal.Benchmarks.Login;

/// <summary>
/// (b) Authenticator code checks on the real objects and the real SQLite file, each on its own account. Every worker
/// has its own TotpPolicy whose clock moves one 30-second step per check, so each code is new and its step is really
/// recorded (an accepted UPDATE, not a refused replay).
/// </summary>
internal static class TotpBenchmark
{
    private sealed record Run(string Path, int Threads, int Checks, double Seconds, double PerSecond, Percentiles Latency);

    public static async Task RunAsync(BenchmarkPortal portal, BenchmarkOptions options, Report report)
    {
        var threads = Environment.ProcessorCount;
        var runs = new List<Run>();
        foreach (var (path, check) in new (string, Func<Worker, Task>)[] { ("replay-record", CheckAndRecordAsync), ("code-step", FullCodeStepAsync) })
        {
            foreach (var count in new[] { 1, threads })
            {
                var workers = new List<Worker>();
                foreach (var account in await portal.CreateAccountsAsync(count))
                {
                    workers.Add(new Worker(portal, account));
                }

                await check(workers[0]);
                runs.Add(await MeasureAsync(path, workers, check, options.TotpDuration));
            }
        }

        foreach (var run in runs)
        {
            var (name, meaning) = run.Path == "replay-record"
                ? ("TOTP checks with replay record", "Read binding, unprotect secret, TotpPolicy.Verify (±1 step), conditional UPDATE of last_accepted_step on SQLite.")
                : ("Full code step (PasswordLogin.VerifyCodeAsync)", "As the code page runs it: + account read, lockout counter read/CAS write, reset, login event INSERT.");
            report.Add(new Figure($"totp.{run.Path}.threads{run.Threads}", "b", $"{name}, {run.Threads} thread{(run.Threads == 1 ? "" : "s")}", run.PerSecond, "checks/s",
                $"{meaning} p50 {run.Latency.P50:0.00} ms, p99 {run.Latency.P99:0.00} ms."));
        }

        report.Detail("totp", runs);
    }

    private static async Task<Run> MeasureAsync(string path, List<Worker> workers, Func<Worker, Task> check, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var samples = await Task.WhenAll(workers.Select(worker => Task.Run(async () =>
        {
            var ticks = new List<long>();
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await check(worker);
                ticks.Add(Stopwatch.GetTimestamp() - started);
            }

            return ticks;
        })));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var all = samples.SelectMany(s => s).ToList();
        return new Run(path, workers.Count, all.Count, Math.Round(seconds, 2), all.Count / seconds, Percentiles.Of(all));
    }

    /// <summary>The part the brief names: secret, verification, and the step recorded once.</summary>
    private static async Task CheckAndRecordAsync(Worker worker)
    {
        var code = worker.NextCode();
        var binding = await worker.Authenticators.GetAsync(worker.Account.Id) ?? throw new InvalidOperationException("No binding.");
        var step = worker.Totp.Verify(worker.Secrets.Unprotect(binding.SecretProtected), code) ?? throw new InvalidOperationException("Code refused.");
        if (!await worker.Authenticators.TryAcceptStepAsync(worker.Account.Id, step))
        {
            throw new InvalidOperationException("Step refused as a replay.");
        }
    }

    private static async Task FullCodeStepAsync(Worker worker)
    {
        var result = await worker.Login.VerifyCodeAsync(worker.Account.Id, worker.NextCode(), new ClientInfo("127.0.0.1", "AveroPortal.Benchmarks"));
        if (result.Outcome != CodeStepOutcome.Accepted)
        {
            throw new InvalidOperationException("Code step answered " + result.Outcome);
        }
    }

    private sealed class Worker
    {
        private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

        public Worker(BenchmarkPortal portal, BenchmarkAccount account)
        {
            Account = account;
            Authenticators = portal.Get<AuthenticatorRepository>();
            Secrets = portal.Get<AuthenticatorSecrets>();
            Totp = new TotpPolicy(_clock);
            Login = new PasswordLogin(portal.Get<AccountRepository>(), portal.Get<UnknownAddressAttempts>(), Authenticators, portal.Get<LoginEventRepository>(), Secrets,
                portal.Get<PasswordHashing>(), Totp, portal.Get<PendingLoginRepository>(), portal.Get<FactorCheck>(),
                portal.Get<RecoveryCodeSet>(), portal.Get<AveroPortal.Core.Passkeys.PasskeyCeremonies>());
        }

        public BenchmarkAccount Account { get; }

        public AuthenticatorRepository Authenticators { get; }

        public AuthenticatorSecrets Secrets { get; }

        public TotpPolicy Totp { get; }

        public PasswordLogin Login { get; }

        /// <summary>Moves this worker's clock one step on and returns the code an app would show then.</summary>
        public string NextCode()
        {
            _clock.Now = _clock.Now.AddSeconds(TotpPolicy.StepSeconds);
            return TotpPolicy.ComputeCode(Account.Secret, _clock.Now);
        }
    }
}
