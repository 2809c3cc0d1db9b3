using AveroPortal.Blazor.Extensions;

namespace AveroPortal.Blazor.Errors;

/// <summary>A request the portal will not serve: the status it ends with and the reason the log names.</summary>
internal sealed record Refusal(int Status, string Reason)
{
    public void Apply(HttpContext context, ILogger logger)
    {
        context.Response.StatusCode = Status;
        Log(context, logger, Reason);
    }

    public static void Log(HttpContext context, ILogger logger, string reason)
    {
        // One line per refused request: the first (most precise) reason wins.
        if (!context.Items.TryAdd(typeof(Refusal), reason))
        {
            return;
        }

        logger.LogWarning("Verzoek geweigerd met {Status}: {Method} {Path}: {Reason}",
            context.Response.StatusCode, ProtocolForm.ForLog(context.Request.Method, 16), ProtocolForm.ForLog(context.Request.Path.Value, 200), ProtocolForm.ForLog(reason, 300));
    }
}
