using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Idin;

/// <summary>Linked iDIN identities and the customer lookup for matching.</summary>
public sealed class IdinRepository(Db db, TimeProvider clock)
{

    public async Task<IdinIdentity?> GetLinkedAsync(string broker, string bin)
    {
        const string sql = """
            SELECT id AS Id, broker AS Broker, bin AS Bin, customer_id AS CustomerId
            FROM idin_identities WHERE broker = @Broker AND bin = @Bin
            """;
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<IdinIdentity>(sql, new { Broker = broker, Bin = bin });
    }

    /// <summary>
    /// Customers who share the date of birth, or the house number and postcode: the only people a bank identity can
    /// fully or partly match. Postcodes are compared without spaces in upper case, which both SQLite and PostgreSQL do.
    /// </summary>
    public async Task<IReadOnlyList<Customer>> FindCandidatesAsync(DateOnly? dateOfBirth, string? postcode, long? houseNumber)
    {
        const string sql = $"""
            SELECT {CustomerRepository.Columns} FROM customers
            WHERE date_of_birth = @DateOfBirth
               OR (house_number = @HouseNumber AND REPLACE(UPPER(postcode), ' ', '') = @Postcode)
            ORDER BY id
            LIMIT 50
            """;
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Customer>(sql, new
        {
            DateOfBirth = dateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            HouseNumber = houseNumber ?? -1,
            Postcode = postcode ?? "",
        })).AsList();
    }

    /// <summary>Links (broker, BIN) to the customer; a second link of the same BIN (two tabs at once) keeps the first row.</summary>
    public async Task<IdinIdentity> LinkAsync(string broker, string bin, long customerId)
    {
        const string sql = """
            INSERT INTO idin_identities (broker, bin, customer_id, created_at, last_login_at)
            VALUES (@Broker, @Bin, @CustomerId, @Now, @Now)
            ON CONFLICT (broker, bin) DO UPDATE SET last_login_at = excluded.last_login_at
            RETURNING id AS Id, broker AS Broker, bin AS Bin, customer_id AS CustomerId
            """;
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleAsync<IdinIdentity>(sql, new
        {
            Broker = broker,
            Bin = bin,
            CustomerId = customerId,
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
        });
    }

    public async Task TouchAsync(long id)
    {
        const string sql = "UPDATE idin_identities SET last_login_at = @Now WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = id, Now = clock.GetUtcNow().ToUnixTimeSeconds() });
    }

    public async Task<IdinIdentity?> GetAsync(long id)
    {
        const string sql = "SELECT id AS Id, broker AS Broker, bin AS Bin, customer_id AS CustomerId FROM idin_identities WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<IdinIdentity>(sql, new { Id = id });
    }
}
