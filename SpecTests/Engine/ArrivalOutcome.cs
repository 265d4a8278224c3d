namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The dashboard's verdict on a login: what <see cref="DashboardArrival"/> saw, and the status text or console line that said it.</summary>
public sealed record ArrivalOutcome(ArrivalKind Kind, string? Shown);
