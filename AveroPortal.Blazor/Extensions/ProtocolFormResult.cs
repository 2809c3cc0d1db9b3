using Microsoft.Extensions.Primitives;

namespace AveroPortal.Blazor.Extensions;

/// <summary>A protocol form that was read, or the precise reason it was refused (for the log; never shown).</summary>
internal sealed record ProtocolFormResult(IFormCollection? Form, string? Problem)
{
    public bool Refused => Problem is not null;

    /// <summary>The one value of a field: null when absent or empty, a problem when it occurs more than once.</summary>
    public string? One(string name, out string? problem)
    {
        problem = null;
        var values = Form?[name] ?? StringValues.Empty;
        if (values.Count > 1)
        {
            problem = $"field {name} occurs {values.Count} times";
            return null;
        }

        return values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }
}
