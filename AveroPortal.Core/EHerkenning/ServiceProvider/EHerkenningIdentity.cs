namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>A company signed in with eHerkenning, as stored for its session.</summary>
public sealed record EHerkenningIdentity(long Id, string Broker, string KvkNumber, string ActingSubjectId, long CompanyId, string? CompanyName, string? BranchNumber);
