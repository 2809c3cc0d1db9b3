namespace AveroPortal.Blazor.Components.Login;

public sealed class CodeInput
{
    public string? Code { get; set; }
}
