using System.Data.Common;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Core.Invitations;

public sealed class InvitationRepository(Db db, TimeProvider clock)
{
    internal const string Columns = """
        id AS Id, kind AS Kind, email AS Email, display_name AS DisplayName, portal AS Portal, customer_id AS CustomerId,
        company_id AS CompanyId, role AS Role, created_by AS CreatedBy, created_at AS CreatedAt, expires_at AS ExpiresAt,
        used_at AS UsedAt, revoked_at AS RevokedAt, account_id AS AccountId
        """;

    /// <summary>
    /// Issues a new link and, in the same transaction, revokes the open links for the same person (same customer,
    /// or same company and e-mail address, or same staff e-mail address): only the newest link works.
    /// </summary>
    public async Task<IssuedInvitation> IssueAsync(NewInvitation invitation)
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var issued = await IssueAsync(invitation, connection, transaction);
        await transaction.CommitAsync();
        return issued;
    }

    public async Task<IssuedInvitation> IssueAsync(NewInvitation invitation, DbConnection connection, DbTransaction transaction)
    {
        const string revoke = """
            UPDATE invitations SET revoked_at = @Now
            WHERE used_at IS NULL AND revoked_at IS NULL AND kind = @Kind
              AND ((@CustomerId IS NOT NULL AND customer_id = @CustomerId)
                OR (@CustomerId IS NULL AND lower(email) = @EmailNormalized
                    AND COALESCE(company_id, -1) = COALESCE(@CompanyId, -1)))
            """;
        const string insert = """
            INSERT INTO invitations (kind, token_hash, email, display_name, portal, customer_id, company_id, role,
                                     created_by, created_at, expires_at, used_at, revoked_at, account_id)
            VALUES (@Kind, @TokenHash, @Email, @DisplayName, @Portal, @CustomerId, @CompanyId, @Role,
                    @CreatedBy, @Now, @ExpiresAt, NULL, NULL, @AccountId)
            RETURNING id
            """;
        var now = clock.GetUtcNow();
        var expiresAt = now.Add(InvitationTokens.Lifetime);
        var token = InvitationTokens.NewToken();
        var parameters = new
        {
            invitation.Kind,
            TokenHash = InvitationTokens.Hash(token),
            Email = invitation.Email.Trim(),
            EmailNormalized = LoginInput.NormalizeEmail(invitation.Email),
            invitation.DisplayName,
            invitation.Portal,
            invitation.CustomerId,
            invitation.CompanyId,
            invitation.Role,
            invitation.CreatedBy,
            invitation.AccountId,
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = expiresAt.ToUnixTimeSeconds(),
        };
        await connection.ExecuteAsync(revoke, parameters, transaction);
        var id = await connection.ExecuteScalarAsync<long>(insert, parameters, transaction);
        Operations.PortalMetrics.Invitation(invitation.Kind, sent: true);
        return new IssuedInvitation(id, token, expiresAt);
    }

    public async Task<Invitation?> FindByTokenAsync(string token)
    {
        if (!InvitationTokens.LooksValid(token))
        {
            return null;
        }

        const string sql = $"SELECT {Columns} FROM invitations WHERE token_hash = @TokenHash";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Invitation>(sql, new { TokenHash = InvitationTokens.Hash(token) });
    }

    public async Task<IReadOnlyList<Invitation>> ListForCustomerAsync(long customerId)
    {
        const string sql = $"SELECT {Columns} FROM invitations WHERE customer_id = @CustomerId ORDER BY created_at DESC, id DESC";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Invitation>(sql, new { CustomerId = customerId })).AsList();
    }

    public async Task<IReadOnlyList<Invitation>> ListForCompanyAsync(long companyId)
    {
        const string sql = $"SELECT {Columns} FROM invitations WHERE company_id = @CompanyId ORDER BY created_at DESC, id DESC";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Invitation>(sql, new { CompanyId = companyId })).AsList();
    }

    /// <summary>
    /// Marks the link used and creates its account in one transaction. The UPDATE's own condition makes the link
    /// single-use even when it is opened twice at the same moment: only one UPDATE can match.
    /// </summary>
    public async Task<long?> RedeemAsync(long invitationId, Func<DbConnection, DbTransaction, Task<long>> createAccount)
    {
        const string claim = """
            UPDATE invitations SET used_at = @Now
            WHERE id = @Id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @Now
            """;
        const string link = "UPDATE invitations SET account_id = @AccountId WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claimed = await connection.ExecuteAsync(claim, new { Id = invitationId, Now = clock.GetUtcNow().ToUnixTimeSeconds() }, transaction);
        if (claimed != 1)
        {
            return null;
        }

        var accountId = await createAccount(connection, transaction);
        await connection.ExecuteAsync(link, new { Id = invitationId, AccountId = accountId }, transaction);
        await transaction.CommitAsync();
        return accountId;
    }
}
