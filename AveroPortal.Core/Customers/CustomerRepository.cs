using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Customers;

/// <summary>Avéro's own customer data, read-only for the portal.</summary>
public sealed class CustomerRepository(Db db)
{
    internal const string Columns = """
        id AS Id, customer_number AS CustomerNumber, initials AS Initials, first_name AS FirstName,
        name_prefix AS NamePrefix, last_name AS LastName, date_of_birth AS DateOfBirth, street AS Street,
        house_number AS HouseNumber, house_number_suffix AS HouseNumberSuffix, postcode AS Postcode, city AS City,
        adviser_name AS AdviserName, adviser_phone AS AdviserPhone, adviser_email AS AdviserEmail
        """;

    private const string CompanyColumns = """
        id AS Id, kvk_number AS KvkNumber, name AS Name, city AS City, insured AS Insured,
        adviser_name AS AdviserName, adviser_phone AS AdviserPhone, adviser_email AS AdviserEmail
        """;

    public async Task<Customer?> GetCustomerAsync(long id)
    {
        const string sql = $"SELECT {Columns} FROM customers WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Customer>(sql, new { Id = id });
    }

    public async Task<Company?> GetCompanyAsync(long id)
    {
        const string sql = $"SELECT {CompanyColumns} FROM companies WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Company>(sql, new { Id = id });
    }

    public async Task<IReadOnlyList<Company>> ListCompaniesAsync()
    {
        const string sql = $"SELECT {CompanyColumns} FROM companies ORDER BY name";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Company>(sql)).AsList();
    }

    public async Task<Company?> GetCompanyByKvkAsync(string kvkNumber)
    {
        const string sql = $"SELECT {CompanyColumns} FROM companies WHERE kvk_number = @KvkNumber";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Company>(sql, new { KvkNumber = kvkNumber });
    }

    public async Task<long> AddCustomerAsync(Customer c)
    {
        const string sql = """
            INSERT INTO customers (customer_number, initials, first_name, name_prefix, last_name, date_of_birth, street,
                                   house_number, house_number_suffix, postcode, city, adviser_name, adviser_phone, adviser_email)
            VALUES (@CustomerNumber, @Initials, @FirstName, @NamePrefix, @LastName, @DateOfBirth, @Street,
                    @HouseNumber, @HouseNumberSuffix, @Postcode, @City, @AdviserName, @AdviserPhone, @AdviserEmail)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, c);
    }

    public async Task<long> AddCompanyAsync(Company c)
    {
        const string sql = """
            INSERT INTO companies (kvk_number, name, city, insured, adviser_name, adviser_phone, adviser_email)
            VALUES (@KvkNumber, @Name, @City, @Insured, @AdviserName, @AdviserPhone, @AdviserEmail)
            RETURNING id
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, c);
    }
}
