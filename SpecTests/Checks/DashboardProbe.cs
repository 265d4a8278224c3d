namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// The outcome of loading the dashboard's redirect URI with a <c>state</c> it never sent (and a
/// forged code): a dashboard that checks <c>state</c> never takes that code to the token endpoint.
/// </summary>
public sealed record DashboardProbe
{
    public string? Skip { get; init; }

    public bool TokenRequested { get; init; }

    public string Observed { get; init; } = "";

    public IReadOnlyList<int> Exchanges { get; init; } = [];
}
