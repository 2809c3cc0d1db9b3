namespace AveroPortal.Blazor.Features.Login;

public sealed class NewPasswordInput
{
    public string? Password { get; set; }

    public string? Repeat { get; set; }
}
