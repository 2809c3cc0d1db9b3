using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Infrastructure;

internal static class Codes
{
    /// <summary>A well-formed code that matches no step the portal could accept now, even across a step boundary.</summary>
    public static string WrongCode(this TestAccount account)
    {
        var near = Enumerable.Range(-2, 5).Select(account.Code).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), TotpPolicy.Digits)).First(c => !near.Contains(c));
    }
}
