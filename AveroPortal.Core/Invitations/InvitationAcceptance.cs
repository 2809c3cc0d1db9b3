using System.Data.Common;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.Invitations;

/// <summary>
/// Redeeming a single-use link (support desk account creation, colleague and staff invitations): the person sets
/// their own password under the password rules; the authenticator is enrolled at the first login right after. A
/// re-activation link (<see cref="InvitationKinds.Reactivation"/>) re-enables the revoked account it points at instead
/// of creating one (<see cref="ColleagueAdministration.AcceptReactivationAsync"/>).
/// </summary>
public sealed class InvitationAcceptance(
    InvitationRepository invitations,
    AccountRepository accounts,
    PasswordRules rules,
    PasswordHashing hashing,
    TimeProvider clock,
    ColleagueAdministration colleagues)
{
    public async Task<(LinkState State, Invitation? Invitation)> CheckAsync(string? token)
    {
        var invitation = token is null ? null : await invitations.FindByTokenAsync(token);
        return (StateOf(invitation), invitation);
    }

    /// <param name="clientAddress">Who accepted, for the company audit of a re-activation.</param>
    public async Task<AcceptResult> AcceptAsync(string? token, string? password, string? repeat, string? clientAddress = null)
    {
        var (state, invitation) = await CheckAsync(token);
        if (state != LinkState.Valid)
        {
            return new AcceptResult(AcceptOutcome.InvalidLink, state);
        }

        if (LoginInput.CheckPassword(password) != InputProblem.None || (repeat is not null && LoginInput.HasControlCharacters(repeat)))
        {
            return new AcceptResult(AcceptOutcome.BadInput);
        }

        var problem = rules.Check(password!, invitation!.Email);
        if (problem != PasswordProblem.None)
        {
            return new AcceptResult(AcceptOutcome.PasswordRejected, Problem: problem);
        }

        if (password != repeat)
        {
            return new AcceptResult(AcceptOutcome.PasswordsDiffer);
        }

        if (invitation.Kind == InvitationKinds.Reactivation)
        {
            var (outcome, reactivated) = await colleagues.AcceptReactivationAsync(invitation, await hashing.HashAsync(password!), clientAddress);
            if (outcome == AcceptOutcome.InvalidLink)
            {
                var (nowState, _) = await CheckAsync(token);
                return new AcceptResult(AcceptOutcome.InvalidLink, nowState == LinkState.Valid ? LinkState.Used : nowState);
            }

            return reactivated is { } id
                ? new AcceptResult(AcceptOutcome.Created, Account: await accounts.GetAsync(id))
                : new AcceptResult(outcome);
        }

        if (await accounts.FindByEmailAsync(invitation.Email) is not null)
        {
            return new AcceptResult(AcceptOutcome.EmailTaken);
        }

        var hash = await hashing.HashAsync(password!);
        long? accountId;
        try
        {
            accountId = await invitations.RedeemAsync(invitation.Id, (connection, transaction) => accounts.CreateAsync(
                new NewAccount(invitation.Portal, invitation.Email, invitation.DisplayName, hash, invitation.CustomerId, invitation.CompanyId, invitation.Role),
                connection, transaction));
        }
        catch (DbException e) when (Db.IsUniqueViolation(e))
        {
            // UNIQUE on the e-mail address: someone created that account between the check and now.
            return new AcceptResult(AcceptOutcome.EmailTaken);
        }

        if (accountId is null)
        {
            // Used or revoked between the check and the redeem (a double click, a second tab).
            var (nowState, _) = await CheckAsync(token);
            return new AcceptResult(AcceptOutcome.InvalidLink, nowState == LinkState.Valid ? LinkState.Used : nowState);
        }

        return new AcceptResult(AcceptOutcome.Created, Account: await accounts.GetAsync(accountId.Value));
    }

    private LinkState StateOf(Invitation? invitation)
    {
        if (invitation is null)
        {
            return LinkState.Unknown;
        }

        if (invitation.UsedAt is not null)
        {
            return LinkState.Used;
        }

        if (invitation.RevokedAt is not null)
        {
            return LinkState.Revoked;
        }

        return invitation.ExpiresAt <= clock.GetUtcNow().ToUnixTimeSeconds() ? LinkState.Expired : LinkState.Valid;
    }
}
