namespace AveroPortal.Blazor.Components.Login;

public sealed class NewPasswordInput
{
    public string? Password { get; set; }

    public string? Repeat { get; set; }
}
