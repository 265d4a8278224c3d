using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>The broker's login page (Keycloak's ids by default).</summary>
public sealed record BrokerPageSelectors
{
    /// <summary>The identity provider alias at the broker; Keycloak marks its button <c>a#social-{alias}</c>.</summary>
    [JsonPropertyName("idpAlias")]
    public string IdpAlias { get; init; } = "mockidp";

    /// <summary>The button that starts the federated login; <c>{alias}</c> is replaced.</summary>
    [JsonPropertyName("idpButton")]
    public string IdpButton { get; init; } = "#kc-social-providers a#social-{alias}";

    /// <summary>The broker's error page and form error (Keycloak's <c>#kc-error-message</c>, <c>#input-error</c>): the walk ends at once with their text.</summary>
    [JsonPropertyName("error")]
    public string Error { get; init; } = "#kc-error-message, #input-error";

    public string IdpButtonSelector => IdpButton.Replace("{alias}", IdpAlias, StringComparison.Ordinal);
}
