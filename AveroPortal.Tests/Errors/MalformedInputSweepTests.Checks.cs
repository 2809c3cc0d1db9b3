using System.Text;
using System.Text.RegularExpressions;
using AveroPortal.Core.Data;

namespace AveroPortal.Tests.Errors;

// What no answer may contain, and the database snapshot that must not change.
public sealed partial class MalformedInputSweepTests
{
    private static IEnumerable<string> Problems(HttpResponseMessage response, string body, bool protocol)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            yield return $"status {status}";
        }

        // A 429 means the sweep did not reach the endpoint: the factory's limits must be high enough.
        if (status == 429)
        {
            yield return "rate limited, so not swept";
        }

        if (StackFrame().IsMatch(body))
        {
            yield return "stack trace";
        }

        foreach (var text in FrameworkTexts.Where(t => body.Contains(t, StringComparison.Ordinal)))
        {
            yield return $"framework text \"{text}\"";
        }

        if (body.Contains(Probe, StringComparison.Ordinal))
        {
            yield return "the probe markup came back unescaped";
        }

        if (!protocol && status >= 400 && body.Length > 0 && !body.Contains("<html lang=\"nl\"", StringComparison.Ordinal))
        {
            yield return $"status {status} without the Dutch page: {body[..Math.Min(body.Length, 120)]}";
        }

        // The circuit's own endpoints (SignalR, Blazor's disconnect) answer a wrong method themselves, without Allow.
        if (!protocol && status == 405 && response.Content.Headers.Allow.Count == 0
            && !response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/_blazor", StringComparison.Ordinal))
        {
            yield return "405 without Allow";
        }
    }

    /// <summary>Each table's rows as text (login events left out; a session's last-seen time moves with every read).</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var connection = await portal.Factory.Get<Db>().OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'login_events' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            // The names come from sqlite_master, not from input.
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new StringBuilder();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!(table == "sessions" && reader.GetName(i) == "last_seen_at"))
                    {
                        rows.Append(reader.GetName(i)).Append('=').Append(reader.GetValue(i)).Append(';');
                    }
                }

                rows.Append('\n');
            }

            snapshot[table] = rows.ToString();
        }

        return snapshot;
    }

    [GeneratedRegex(@"\bat [A-Z][\w.`]+\.\w+\(")]
    private static partial Regex StackFrame();
}
