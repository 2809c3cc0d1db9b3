namespace AveroPortal.Core.Colleagues;

/// <summary>The actions as stored in company_audit.action; the web labels them (tools/texts_labels.py).</summary>
public static class CompanyAuditActions
{
    public const string InvitationSent = "invitation-sent";
    public const string InvitationResent = "invitation-resent";
    public const string InvitationRevoked = "invitation-revoked";
    public const string ColleagueRevoked = "colleague-revoked";
    public const string ReactivationSent = "reactivation-sent";
    public const string ColleagueReactivated = "colleague-reactivated";
    public const string AdministratorGranted = "administrator-granted";
    public const string AdministratorStepDown = "administrator-stepped-down";

    public static readonly string[] All =
    [
        InvitationSent, InvitationResent, InvitationRevoked, ColleagueRevoked, ReactivationSent, ColleagueReactivated,
        AdministratorGranted, AdministratorStepDown,
    ];
}
