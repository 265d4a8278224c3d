namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>How a dashboard ended a login.</summary>
public enum ArrivalKind
{
    LoggedIn,
    Error,
    Refused,
    TimedOut,
}
