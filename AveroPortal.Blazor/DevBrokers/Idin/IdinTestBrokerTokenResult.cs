using System.Text.Json.Nodes;

namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <summary>An OAuth answer: the token response (200) or {error} with 400/401.</summary>
internal sealed record IdinTestBrokerTokenResult(int StatusCode, JsonObject Body);
