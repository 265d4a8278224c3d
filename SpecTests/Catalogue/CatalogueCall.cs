using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Catalogue;

/// <summary>
/// One request the walk makes against the target: who makes it (<c>login</c>, <c>other</c>,
/// <c>admin</c> or <c>anonymous</c>), what it sends, and the status the catalogue expects.
/// <c>{name}</c> in the path or body is a variable (catalogue defaults, captures of earlier calls,
/// <c>PBENCH_AUTH_SPEC_VAR_NAME</c>, and the built-ins <c>{login}</c>, <c>{other}</c>, <c>{admin}</c>: the usernames).
/// </summary>
public sealed record CatalogueCall
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("method")]
    public string Method { get; init; } = "GET";

    [JsonPropertyName("path")]
    public string Path { get; init; } = "";

    [JsonPropertyName("body")]
    public JsonNode? Body { get; init; }

    [JsonPropertyName("contentType")]
    public string? ContentType { get; init; }

    [JsonPropertyName("user")]
    public string User { get; init; } = "login";

    /// <summary>The expected status (for step 20 entries: the status a valid token gets; every invalid token must get 401).</summary>
    [JsonPropertyName("expect")]
    public int Expect { get; init; } = 200;

    /// <summary>Whether the endpoint refuses anonymous callers; only such endpoints can show a 401 for a bad token.</summary>
    [JsonPropertyName("needsUser")]
    public bool NeedsUser { get; init; } = true;

    /// <summary>Rule the row stands for, e.g. "non-owner deletes owner's dataset".</summary>
    [JsonPropertyName("rule")]
    public string? Rule { get; init; }

    /// <summary>Step 19: also send this call with a non-admin token that carries ADMIN under another client's roles (forged; MockBroker only).</summary>
    [JsonPropertyName("forgeAdminRole")]
    public bool ForgeAdminRole { get; init; }

    [JsonPropertyName("setup")]
    public IReadOnlyList<CatalogueCall> Setup { get; init; } = [];

    [JsonPropertyName("cleanup")]
    public IReadOnlyList<CatalogueCall> Cleanup { get; init; } = [];

    /// <summary>Variables to read from this call's JSON response: name → path such as <c>$.results[0].resource_id</c>.</summary>
    [JsonPropertyName("capture")]
    public IReadOnlyDictionary<string, string> Capture { get; init; } = new Dictionary<string, string>();

    public string Describe() => Title ?? $"{Method} {Path} as {User}";
}
