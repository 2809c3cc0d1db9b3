using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AveroPortal.Core.Data;

/// <summary>
/// The Data Protection key ring in the shared database. The interface is synchronous; it is called when the key
/// ring is (re)loaded, about once a day and when an unknown key id shows up, never per request.
/// </summary>
public sealed class DatabaseXmlRepository(Db db, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        const string sql = "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@FriendlyName, @Xml, @Now)";
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(sql, new
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
        });
    }
}
