using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Policies;

/// <summary>
/// The policies of one customer or one company, read-only for the portal except for the demo seed. There is no way to
/// list policies without naming the owner: a page can only show what belongs to the customer or company it signed in as.
/// </summary>
public sealed class PolicyRepository(Db db)
{
    private const string Columns = """
        id AS Id, policy_number AS PolicyNumber, product AS Product, status AS Status, start_date AS StartDate
        """;

    // Running policies first, then suspended, then ended; within each the newest first. The policy number makes the
    // order total, so the page never reshuffles between loads.
    private const string Order = """
        ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 ELSE 2 END, start_date DESC, policy_number
        """;

    public async Task<IReadOnlyList<Policy>> ForCustomerAsync(long customerId)
    {
        const string sql = $"SELECT {Columns} FROM policies WHERE customer_id = @CustomerId {Order}";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Policy>(sql, new { CustomerId = customerId })).AsList();
    }

    public async Task<IReadOnlyList<Policy>> ForCompanyAsync(long companyId)
    {
        const string sql = $"SELECT {Columns} FROM policies WHERE company_id = @CompanyId {Order}";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Policy>(sql, new { CompanyId = companyId })).AsList();
    }

    public async Task<long> AddAsync(NewPolicy policy)
    {
        const string sql = """
            INSERT INTO policies (policy_number, customer_id, company_id, product, status, start_date)
            VALUES (@PolicyNumber, @CustomerId, @CompanyId, @Product, @Status, @StartDate)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, policy);
    }
}
