namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>How an eHerkenning login ended, for the page the customer is sent to.</summary>
public enum EHerkenningOutcome
{
    SignedIn,
    Cancelled,
    LevelTooLow,
    KvkNotInsured,
    Failed,
}
