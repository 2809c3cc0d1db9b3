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

    /// <summary>For a company whose only administrator left, after verifying the caller; also in the company audit.</summary>
    public const string MakeAdministrator = "make-administrator";

    /// <summary>Re-activates a revoked colleague through a link to their address; also in the company audit.</summary>
    public const string SendReactivationLink = "send-reactivation-link";

    public static readonly string[] All =
    [
        UnlinkAuthenticator, RemovePasskey, Unlock, SendAccountCreationLink, CreateStaff, DisableStaff, FreezeAccount, UnfreezeAccount,
        RebindAuthenticator, MakeAdministrator, SendReactivationLink,
    ];
}
