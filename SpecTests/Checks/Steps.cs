using System.Globalization;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>The diagram's 20 arrows, and helpers every step's checks share.</summary>
public static class Steps
{
    public const string ParticipantServer = "Pbench-Server";
    public const string ParticipantBrowser = "Browser";
    public const string ParticipantBroker = "Identity-Broker";
    public const string ParticipantIdp = "Identity-Provider";

    /// <summary>Step number → (from, to, the diagram's label).</summary>
    public static readonly IReadOnlyDictionary<int, (string From, string To, string Label)> Arrows = new Dictionary<int, (string, string, string)>
    {
        [1] = (ParticipantBrowser, ParticipantServer, "GET Pbench client ID"),
        [2] = (ParticipantServer, ParticipantBrowser, "200 Response (login configuration)"),
        [3] = (ParticipantBrowser, ParticipantBroker, "GET identity broker auth URI (Authentication Request)"),
        [4] = (ParticipantBroker, ParticipantBrowser, "200 Response (login page)"),
        [5] = (ParticipantBrowser, ParticipantIdp, "GET identity provider auth page"),
        [6] = (ParticipantIdp, ParticipantBrowser, "303 Response (redirect to IdP auth page)"),
        [7] = (ParticipantBrowser, ParticipantIdp, "GET request auth page"),
        [8] = (ParticipantIdp, ParticipantBrowser, "200 Response"),
        [9] = (ParticipantBrowser, ParticipantIdp, "GET/POST authentication request"),
        [10] = (ParticipantIdp, ParticipantBrowser, "302/303 Response"),
        [11] = (ParticipantBrowser, ParticipantBroker, "GET redirect location (identity broker URI)"),
        [12] = (ParticipantBroker, ParticipantBrowser, "302 Authentication Response"),
        [13] = (ParticipantBrowser, ParticipantServer, "GET Pbench-dashboard redirect location"),
        [14] = (ParticipantServer, ParticipantBrowser, "200 Response"),
        [15] = (ParticipantBrowser, ParticipantBroker, "POST request to token endpoint"),
        [16] = (ParticipantBroker, ParticipantBrowser, "200 Token Response"),
        [17] = (ParticipantBrowser, ParticipantServer, "POST /api/v1/<restricted_endpoint> (Bearer)"),
        [18] = (ParticipantServer, ParticipantBrowser, "200 (authorized)"),
        [19] = (ParticipantServer, ParticipantBrowser, "403 (not authorized)"),
        [20] = (ParticipantServer, ParticipantBrowser, "401 (token expired or invalid)"),
    };

    /// <summary>Test-name form of a step, e.g. <c>Step_16_Broker_to_browser_token_response</c>.</summary>
    public static string Title(int step) => step switch
    {
        1 => "Browser to server: GET client config",
        2 => "Server to browser: login configuration",
        3 => "Browser to broker: authentication request",
        4 => "Broker to browser: login page",
        5 => "Browser to IdP: authorization request",
        6 => "IdP to browser: redirect to its login page",
        7 => "Browser to IdP: GET login page",
        8 => "IdP to browser: credential form",
        9 => "Browser to IdP: credentials and consent",
        10 => "IdP to browser: redirect to the broker",
        11 => "Browser to broker: identity federation",
        12 => "Broker to browser: authentication response",
        13 => "Browser to server: GET dashboard redirect location",
        14 => "Server to browser: dashboard",
        15 => "Browser to broker: token request",
        16 => "Broker to browser: token response",
        17 => "Browser to server: restricted call with bearer token",
        18 => "Server to browser: 200 authorized",
        19 => "Server to browser: 403 forbidden",
        20 => "Server to browser: 401 invalid token",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The step's test name in NUnit, JUnit and TRX: <c>Step_16_Broker_to_browser_token_response</c>.</summary>
    public static string TestName(int step) =>
        $"Step_{step.ToString("00", CultureInfo.InvariantCulture)}_" + Title(step).Replace(": ", "_", StringComparison.Ordinal).Replace(' ', '_');

    /// <summary>Every step: its exchange was seen (or not: a step never reached after an earlier failure becomes a skip).</summary>
    internal static readonly CheckRule ObservedRule = new("s{n}.observed", "Diagram step {n}", "step observed")
    {
        Expected = "the step's exchange",
        Policy = "pass when seen, else fail; a skip (not reached) when an earlier step stopped the walk",
    };

    /// <summary>A step for which nothing was observable in this run.</summary>
    internal static readonly CheckRule NoneRule = new("s{n}.none", "Diagram step {n}", "no check ran for this step")
    {
        SkipWhen = "nothing was observable for this step in this run",
        SkipOnly = true,
    };

    /// <summary>A step after the one <c>--until-step</c> stopped at.</summary>
    internal static readonly CheckRule UntilStepRule = new("s{n}.until-step", "--until-step", "step not walked")
    {
        SkipWhen = "--until-step stopped the walk before this step",
        SkipOnly = true,
    };

    public static Check Observed(int step, Exchange e, string what) =>
        ObservedRule.Of(step).Judge(true, e.Describe(), expected: what, title: $"{what} observed").WithExchanges(e.Id);

    /// <summary>The step's exchange never happened (a later pass turns this into a skip when an earlier step broke the walk).</summary>
    public static Check Missing(int step, string expected, string observed) =>
        ObservedRule.Of(step).Judge(false, observed, expected);

    public static string StatusText(Exchange e) =>
        e.Status is { } s ? s.ToString(CultureInfo.InvariantCulture) + (e.Location is { } l ? $" → {Excerpt(l, 120)}" : "") : e.Failure ?? "no response";

    public static string Excerpt(string? text, int max = 160) =>
        text is null ? "(none)" : text.Length <= max ? text : text[..max] + "…";

    public static string Show(IReadOnlyDictionary<string, string> parameters, params string[] names) =>
        string.Join("&", names.Where(parameters.ContainsKey).Select(n => $"{n}={Excerpt(parameters[n], 60)}"));
}
