using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// A dashboard preset (<c>dashboards.NAME</c>): where the dashboard starts on the target, how a
/// person logs in on it, how it shows that they are logged in, and what makes it call the API.
/// docs/run.md's "Dashboard presets" explains each key with the real Pbench dashboard as the example.
/// </summary>
public sealed record DashboardSelectors
{
    /// <summary>The ReferenceServer's plain dashboard (its own OIDC code).</summary>
    public static DashboardSelectors Plain { get; } = new()
    {
        Path = "/dashboard/", LoggedOut = "logged-out", Error = "error",
        ApiMethod = "select#api-method", ApiPath = "input#api-path", ApiBody = "textarea#api-body", ApiSend = "button#api-send", ApiStatus = "#api-status",
    };

    /// <summary>The ReferenceServer's keycloak-js dashboard.</summary>
    public static DashboardSelectors Kc { get; } = Plain with { Path = "/dashboard-kc/" };

    /// <summary>The real Pbench dashboard (React on keycloak-js 21), as its repository builds it.</summary>
    public static DashboardSelectors Pbench { get; } = new()
    {
        Path = "/dashboard/auth",
        Login = "button:has-text(\"Pbench OpenId\")",
        Status = "#toolbar .pf-c-dropdown__toggle-text",
        LoggedIn = "{username}",
        LoggedInMatch = "contains",
        KeycloakJs = "21.1.2",
    };

    /// <summary>The page the walk opens first, relative to the target (it must show <see cref="Login"/>).</summary>
    [JsonPropertyName("path")]
    public string Path { get; init; } = "/dashboard/";

    /// <summary>The control a person clicks to log in (any Playwright selector).</summary>
    [JsonPropertyName("login")]
    public string Login { get; init; } = "#login";

    /// <summary>The element whose text says the dashboard's state.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "#status";

    /// <summary>The text of <see cref="Status"/> once logged in; <c>{username}</c> stands for the login user's name.</summary>
    [JsonPropertyName("loggedIn")]
    public string LoggedIn { get; init; } = "logged-in";

    /// <summary><c>equals</c> (the whole text, trimmed) or <c>contains</c>.</summary>
    [JsonPropertyName("loggedInMatch")]
    public string LoggedInMatch { get; init; } = "equals";

    /// <summary>The start of <see cref="Status"/>'s text when the dashboard reports a failed login (null: it shows none).</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>The text of <see cref="Status"/> when nobody is logged in (null: it shows none).</summary>
    [JsonPropertyName("loggedOut")]
    public string? LoggedOut { get; init; }

    /// <summary>
    /// What makes the logged-in dashboard call the API when it does not on its own: a path on the
    /// target (starting with <c>/</c>) to open, or a selector to click. Null: the dashboard's own calls,
    /// then its API panel (<see cref="ApiSend"/>), then the harness's call.
    /// </summary>
    [JsonPropertyName("apiAction")]
    public string? ApiAction { get; init; }

    /// <summary>The dashboard's keycloak-js release, when known: before 24 it checks <c>nonce</c> in the access and refresh tokens too.</summary>
    [JsonPropertyName("keycloakJs")]
    public string? KeycloakJs { get; init; }

    /// <summary>An API panel (the ReferenceServer dashboards'): a method select, a path input, a body, a send button, the status shown.</summary>
    [JsonPropertyName("apiMethod")]
    public string? ApiMethod { get; init; }

    [JsonPropertyName("apiPath")]
    public string? ApiPath { get; init; }

    [JsonPropertyName("apiBody")]
    public string? ApiBody { get; init; }

    [JsonPropertyName("apiSend")]
    public string? ApiSend { get; init; }

    [JsonPropertyName("apiStatus")]
    public string? ApiStatus { get; init; }

    [JsonIgnore]
    public bool HasApiPanel => ApiSend is not null && ApiPath is not null;

    /// <summary>Whether <paramref name="statusText"/> says the user is logged in.</summary>
    public bool IsLoggedIn(string statusText, string username)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        var expected = LoggedInText(username);
        return LoggedInMatch == "contains" ? statusText.Contains(expected, StringComparison.Ordinal) : statusText.Trim() == expected;
    }

    public string LoggedInText(string username) => LoggedIn.Replace("{username}", username, StringComparison.Ordinal);

    /// <summary>How <see cref="IsLoggedIn"/> reads, for messages.</summary>
    public string DescribeLoggedIn(string username) => $"{Status} {(LoggedInMatch == "contains" ? "containing" : "showing")} '{LoggedInText(username)}'";
}
