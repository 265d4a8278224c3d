using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// Where a dashboard lives on the target and the elements the walk drives (the ReferenceServer
/// dashboard's ids by default; point them at your own dashboard's elements).
/// </summary>
public sealed record DashboardSelectors
{
    [JsonPropertyName("path")]
    public string Path { get; init; } = "/dashboard/";

    [JsonPropertyName("login")]
    public string Login { get; init; } = "#login";

    [JsonPropertyName("logout")]
    public string Logout { get; init; } = "#logout";

    [JsonPropertyName("user")]
    public string User { get; init; } = "#user";

    [JsonPropertyName("status")]
    public string Status { get; init; } = "#status";

    /// <summary>The text of <see cref="Status"/> once a user is logged in.</summary>
    [JsonPropertyName("loggedIn")]
    public string LoggedIn { get; init; } = "logged-in";

    [JsonPropertyName("apiMethod")]
    public string ApiMethod { get; init; } = "select#api-method";

    [JsonPropertyName("apiPath")]
    public string ApiPath { get; init; } = "input#api-path";

    [JsonPropertyName("apiBody")]
    public string ApiBody { get; init; } = "textarea#api-body";

    [JsonPropertyName("apiSend")]
    public string ApiSend { get; init; } = "button#api-send";

    [JsonPropertyName("apiStatus")]
    public string ApiStatus { get; init; } = "#api-status";

    [JsonPropertyName("apiResponse")]
    public string ApiResponse { get; init; } = "#api-response";
}
