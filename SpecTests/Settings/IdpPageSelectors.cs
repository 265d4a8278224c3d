using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>The upstream identity provider's login and consent pages (MockIdp's ids by default).</summary>
public sealed record IdpPageSelectors
{
    [JsonPropertyName("username")]
    public string Username { get; init; } = "input#username";

    [JsonPropertyName("password")]
    public string Password { get; init; } = "input#password";

    [JsonPropertyName("submit")]
    public string Submit { get; init; } = "button#login";

    [JsonPropertyName("error")]
    public string Error { get; init; } = "#error";

    /// <summary>Clicked when the consent page shows; empty when the IdP never asks.</summary>
    [JsonPropertyName("consentAllow")]
    public string ConsentAllow { get; init; } = "button#consent-allow";

    /// <summary>The broker's client id at the IdP, compared at step 5 when set.</summary>
    [JsonPropertyName("brokerClientId")]
    public string? BrokerClientId { get; init; }
}
