namespace AveroPortal.Core.Passkeys;

/// <summary>What a challenge was handed out for; each is consumed only by its own completing step.</summary>
internal static class PasskeyPurposes
{
    public const string Registration = "register";
    public const string SecondFactor = "second-factor";
    public const string Passwordless = "passwordless";
}
