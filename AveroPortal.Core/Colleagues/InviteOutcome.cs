namespace AveroPortal.Core.Colleagues;

public enum InviteOutcome
{
    Invited,
    LimitReached,

    /// <summary>This person sent <see cref="ColleagueAdministration.MaxInvitationsPerHour"/> invitations in the last hour.</summary>
    TooManyInvitations,

    /// <summary>
    /// The address belongs to an account of the inviter's own company (active or revoked): the colleague list shows it
    /// anyway, so saying so reveals nothing. An account anywhere else is not an answer at all: that invitation is
    /// accepted like any other and its holder gets a notice instead of a link (see <see cref="ColleagueAdministration.InviteAsync"/>).
    /// </summary>
    AlreadyColleague,
    BadInput,

    /// <summary>The company is not (or no longer) insured: it gets no new accounts.</summary>
    CompanyNotInsured,

    /// <summary>The inviter is no active business e-mail account.</summary>
    NotAllowed,

    /// <summary>The inviter is an active colleague but not an administrator of the company.</summary>
    NotAdministrator,

    /// <summary>Resending: no open invitation with that id in the inviter's company.</summary>
    NotFound,

    /// <summary>The mail could not be sent; the invitation was withdrawn again, so it takes no seat.</summary>
    MailFailed,
}
