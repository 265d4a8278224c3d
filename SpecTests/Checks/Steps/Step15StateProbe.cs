namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Step 15, the dashboard's side: it must not take to the token endpoint a code that came with a
/// state it never sent (login CSRF, RFC 6749 §10.12). Judged by loading the redirect URI with a
/// forged code and state in a fresh tab (<see cref="DashboardProbe"/>).
/// </summary>
public static class Step15StateProbe
{
    internal static readonly CheckRule StateChecked = new("s15.state-checked", "RFC 6749 §10.12", Title)
    {
        Expected = "no token request with the forged code",
        SkipWhen = "the walk did not log in (nothing to probe), or the probe could not run",
    };

    public const string Title = "the dashboard exchanges no code that came with a state it never sent";

    public static Check Evaluate(DashboardProbe? probe) =>
        probe is null || probe.Skip is not null
            ? StateChecked.Skip(probe?.Skip ?? "not probed: the walk did not log in")
            : StateChecked.Judge(!probe.TokenRequested, probe.Observed) with { Exchanges = probe.Exchanges };
}
