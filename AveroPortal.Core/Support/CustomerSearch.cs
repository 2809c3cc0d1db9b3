using System.Text.RegularExpressions;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Support;

/// <summary>
/// Finds customers for an agent on the phone: by e-mail, name, customer number, KVK number, or postcode + house
/// number. Staff accounts never appear.
/// </summary>
public sealed partial class CustomerSearch(Db db)
{
    public const int MaxInputLength = 100;

    public static bool IsValid(SearchQuery query) =>
        (query.Text?.Length ?? 0) <= MaxInputLength && (query.Postcode?.Length ?? 0) <= 10 && (query.HouseNumber?.Length ?? 0) <= 10
        && !new[] { query.Text, query.Postcode, query.HouseNumber }.Any(v => v is not null && v.Any(char.IsControl))
        && (!string.IsNullOrWhiteSpace(query.Text) || (!string.IsNullOrWhiteSpace(query.Postcode) && !string.IsNullOrWhiteSpace(query.HouseNumber)));

    /// <summary>"1234 ab", "1234AB" and "1234 AB" are one postcode.</summary>
    public static string NormalizePostcode(string postcode) => WhiteSpace().Replace(postcode, "").ToUpperInvariant();

    public async Task<(IReadOnlyList<SearchHit> Page, int Total)> SearchAsync(SearchQuery query, int skip, int take)
    {
        const string hits = """
            SELECT 'private' AS Kind, c.id AS CustomerId, CAST(NULL AS BIGINT) AS CompanyId, a.id AS AccountId,
                   c.first_name || ' ' || COALESCE(c.name_prefix || ' ', '') || c.last_name AS Name,
                   c.customer_number AS Number, a.email AS Email, c.postcode AS Postcode, c.city AS City
            FROM customers c LEFT JOIN accounts a ON a.customer_id = c.id
            WHERE (@Email IS NOT NULL AND a.email_normalized LIKE @Email ESCAPE '\')
               OR (@Name IS NOT NULL AND (lower(c.first_name || ' ' || COALESCE(c.name_prefix || ' ', '') || c.last_name) LIKE @Name ESCAPE '\'
                                         OR lower(c.last_name) LIKE @Name ESCAPE '\'))
               OR (@Number IS NOT NULL AND c.customer_number = @Number)
               OR (@Postcode IS NOT NULL AND replace(upper(c.postcode), ' ', '') = @Postcode
                   AND CAST(c.house_number AS TEXT) || COALESCE(upper(c.house_number_suffix), '') = @HouseNumber)
            UNION ALL
            SELECT 'business' AS Kind, CAST(NULL AS BIGINT) AS CustomerId, co.id AS CompanyId, a.id AS AccountId,
                   co.name AS Name, co.kvk_number AS Number, a.email AS Email, '' AS Postcode, co.city AS City
            FROM companies co LEFT JOIN accounts a ON a.company_id = co.id
            WHERE (@Email IS NOT NULL AND a.email_normalized LIKE @Email ESCAPE '\')
               OR (@Name IS NOT NULL AND (lower(co.name) LIKE @Name ESCAPE '\' OR lower(a.display_name) LIKE @Name ESCAPE '\'))
               OR (@Number IS NOT NULL AND co.kvk_number = @Number)
            """;
        const string page = $"SELECT Kind, CustomerId, CompanyId, AccountId, Name, Number, Email, Postcode, City FROM ({hits}) h ORDER BY Name, Email LIMIT @Take OFFSET @Skip";
        const string count = $"SELECT COUNT(*) FROM ({hits}) h";

        var text = query.Text?.Trim() ?? "";
        var isEmail = text.Contains('@');
        var isNumber = text.Length > 0 && text.All(char.IsAsciiDigit);
        var hasAddress = !string.IsNullOrWhiteSpace(query.Postcode) && !string.IsNullOrWhiteSpace(query.HouseNumber);
        var parameters = new
        {
            Email = isEmail ? SqlLike.Contains(text.ToLowerInvariant()) : null,
            Name = !isEmail && !isNumber && text.Length >= 2 ? SqlLike.Contains(text.ToLowerInvariant()) : null,
            Number = isNumber ? text : null,
            Postcode = hasAddress ? NormalizePostcode(query.Postcode!) : null,
            HouseNumber = hasAddress ? WhiteSpace().Replace(query.HouseNumber!, "").ToUpperInvariant() : null,
            Skip = skip,
            Take = take,
        };

        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<SearchHit>(page, parameters)).AsList();
        var total = await connection.ExecuteScalarAsync<long>(count, parameters);
        return (rows, (int)total);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
