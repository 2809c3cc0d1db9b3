namespace AveroPortal.Blazor.Features.Login;

public sealed class CodeInput
{
    public string? Code { get; set; }
}
