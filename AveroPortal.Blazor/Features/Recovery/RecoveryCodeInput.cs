namespace AveroPortal.Blazor.Features.Recovery;

public sealed class RecoveryCodeInput
{
    public string? Code { get; set; }
}
