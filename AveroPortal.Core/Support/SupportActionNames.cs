namespace AveroPortal.Core.Support;

/// <summary>The support actions as written in the audit log.</summary>
public static class SupportActionNames
{
    public const string UnlinkAuthenticator = "unlink-authenticator";
    public const string RemovePasskey = "remove-passkey";
    public const string Unlock = "unlock";
    public const string SendAccountCreationLink = "send-account-creation-link";
    public const string CreateStaff = "create-staff";
    public const string DisableStaff = "disable-staff";

    /// <summary>Written by the customer through a "Dit was ik niet" link, not by an agent.</summary>
    public const string FreezeAccount = "freeze-account";
    public const string UnfreezeAccount = "unfreeze-account";

    /// <summary>Written by the customer after proving with iDIN who they are, not by an agent.</summary>
    public const string RebindAuthenticator = "rebind-authenticator";

    public static readonly string[] All = [UnlinkAuthenticator, RemovePasskey, Unlock, SendAccountCreationLink, CreateStaff, DisableStaff, FreezeAccount, UnfreezeAccount, RebindAuthenticator];
}
