using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>How the harness plays the dashboard when the target has none (<c>--no-dashboard</c>).</summary>
public sealed record ProtocolModeSettings
{
    /// <summary>
    /// The redirect URI path on the target's origin: under the dashboard's registered redirect URIs
    /// (Pbench registers <c>{origin}/dashboard/*</c>) but not a path whose script would take the code.
    /// </summary>
    [JsonPropertyName("redirectPath")]
    public string RedirectPath { get; init; } = "/dashboard/pbench-auth-spec-callback";

    [JsonPropertyName("responseMode")]
    public string ResponseMode { get; init; } = "query";

    [JsonPropertyName("scope")]
    public string Scope { get; init; } = "openid profile email";
}
