using System.Diagnostics;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Benchmarks.Reporting;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using AveroPortal.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AveroPortal.Benchmarks.Login;

/// <summary>
/// (b) Passkey assertions verified per second, next to the TOTP figures: the passwordless login as the form post runs
/// it (PasskeyLogin.LogInAsync: challenge DELETE, credential read, Fido2's checks with the ECDSA P-256 signature,
/// counter CAS UPDATE, lockout read/write, login event INSERT), each worker with its own account and software passkey.
/// The challenge is handed out outside the timing, as the browser's options request is a request of its own.
/// </summary>
internal static class PasskeyBenchmark
{
    private const string Browser = "benchmark-browser-key-0123456789";
    private static readonly ClientInfo Client = new("127.0.0.1", "AveroPortal.Benchmarks");

    public static async Task RunAsync(BenchmarkPortal portal, BenchmarkOptions options, Report report)
    {
        // The benchmark host has no public address; the relying party is the software passkey's localhost page.
        var passkeyOptions = new PasskeyOptions("localhost", "Avéro Achmea", ["http://localhost:5080"], AllowAnyLocalhostPort: false);
        var credentials = portal.Get<PasskeyCredentialRepository>();
        var ceremonies = new PasskeyCeremonies(new PasskeyVerifier(passkeyOptions, credentials, NullLogger<PasskeyVerifier>.Instance),
            portal.Get<PasskeyChallengeRepository>(), credentials, portal.Get<PendingLoginRepository>(), portal.Get<LoginEventRepository>(),
            portal.Get<PasskeyMails>());
        var login = new PasskeyLogin(ceremonies, portal.Get<AccountRepository>(), portal.Get<LoginEventRepository>(), portal.Get<FactorCheck>());
        var accounts = portal.Get<AccountRepository>();

        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            var keys = new List<SoftwareAuthenticator>();
            foreach (var account in await portal.CreateAccountsAsync(threads))
            {
                var key = new SoftwareAuthenticator();
                var begin = await ceremonies.BeginRegistrationAsync((await accounts.GetAsync(account.Id))!, Browser);
                var added = await ceremonies.CompleteRegistrationAsync((await accounts.GetAsync(account.Id))!, Browser, begin.ChallengeId,
                    key.Register(begin.OptionsJson), "Benchmark", Client);
                if (added.Outcome != PasskeyRegistrationOutcome.Added)
                {
                    throw new InvalidOperationException("Passkey registration answered " + added.Outcome);
                }

                keys.Add(key);
            }

            var stopwatch = Stopwatch.StartNew();
            var samples = await Task.WhenAll(keys.Select(key => Task.Run(async () =>
            {
                var ticks = new List<long>();
                while (stopwatch.Elapsed < options.TotpDuration)
                {
                    var begin = await ceremonies.BeginPasswordlessAsync(Portals.Private, Browser);
                    var answer = key.Assert(begin.OptionsJson);
                    var started = Stopwatch.GetTimestamp();
                    var result = await login.LogInAsync(Portals.Private, Browser, begin.ChallengeId, answer, Client);
                    ticks.Add(Stopwatch.GetTimestamp() - started);
                    if (result.Outcome != PasskeyLoginOutcome.Accepted)
                    {
                        throw new InvalidOperationException("Passkey login answered " + result.Outcome);
                    }
                }

                return ticks;
            })));
            var all = samples.SelectMany(s => s).ToList();
            var latency = Percentiles.Of(all);
            var perSecond = all.Count / stopwatch.Elapsed.TotalSeconds;
            report.Add(new Figure($"passkey.assertion.threads{threads}", "b", $"Passkey assertions verified (PasskeyLogin.LogInAsync), {threads} thread{(threads == 1 ? "" : "s")}",
                perSecond, "assertions/s",
                $"Challenge DELETE, credential read, Fido2 checks + ES256 signature, counter CAS, lockout, login event. p50 {latency.P50:0.00} ms, p99 {latency.P99:0.00} ms (the options request not timed)."));
            report.Detail($"passkey.threads{threads}", new { threads, assertions = all.Count, seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 2), perSecond });
            keys.ForEach(k => k.Dispose());
        }
    }
}
