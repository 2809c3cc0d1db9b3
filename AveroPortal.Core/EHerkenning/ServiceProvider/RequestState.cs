namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>What one of our stored AuthnRequests is, for a precise log line when a response does not fit.</summary>
public enum RequestState
{
    Unknown,
    Outstanding,
    Expired,
    Consumed,
    OtherBrowser,
}
