namespace AveroPortal.Core.EHerkenning;

/// <summary>eHerkenning levels, ranked EH2 &lt; EH2+ &lt; EH3 &lt; EH4.</summary>
public static class AssuranceLevel
{
    private const string Prefix = SamlVocabulary.LevelPrefix;

    private static readonly string[] Ranked = ["loa2", "loa2plus", "loa3", "loa4"];

    /// <summary>The rank of a level (URN or short form), or null for anything that is not an eHerkenning level.</summary>
    public static int? Rank(string level)
    {
        var shortForm = level.StartsWith(Prefix, StringComparison.Ordinal) ? level[Prefix.Length..] : level;
        var index = Array.IndexOf(Ranked, shortForm);
        return index < 0 ? null : index;
    }

    /// <summary>The rank of a received AuthnContextClassRef, which must be the full URN.</summary>
    public static int? RankReceived(string classRef) =>
        classRef.StartsWith(Prefix, StringComparison.Ordinal) ? Rank(classRef) : null;
}
