namespace AveroPortal.Core.Login;

/// <summary>What a pending row is waiting for; each purpose is consumed only by its own completing step.</summary>
public static class PendingPurposes
{
    /// <summary>"Password accepted": the code step or the enrollment confirmation signs in.</summary>
    public const string Password = "password";

    /// <summary>"The bank confirmed who this is": /idin/verder signs in after a full match.</summary>
    public const string Idin = "idin";
}
