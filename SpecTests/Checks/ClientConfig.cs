using System.Text.Json;
using System.Text.Json.Nodes;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Step 2's login configuration, read by profile: Pbench's <c>openid</c> object, or the diagram's keys.</summary>
public sealed record ClientConfig
{
    public JsonObject? Json { get; init; }

    public string? ParseProblem { get; init; }

    public string? Server { get; init; }

    public string? Realm { get; init; }

    public string? ClientId { get; init; }

    /// <summary>The broker's authorization endpoint the dashboard will use.</summary>
    public string? AuthUri { get; init; }

    /// <summary>Paths of every key that looks like a client secret (served to every browser).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public static ClientConfig Parse(string? body, string profile)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body ?? "") as JsonObject;
        }
        catch (JsonException e)
        {
            return new ClientConfig { ParseProblem = $"not JSON ({e.Message.Split('\n')[0]})" };
        }

        if (json is null)
        {
            return new ClientConfig { ParseProblem = "not a JSON object" };
        }

        var secrets = SecretPaths(json, "$").ToList();
        return profile == "diagram" ? Diagram(json, secrets) : Pbench(json, secrets);
    }

    private static ClientConfig Pbench(JsonObject json, List<string> secrets)
    {
        var openid = json["openid"] as JsonObject;
        var server = openid is null ? null : Text(openid, "server");
        var realm = openid is null ? null : Text(openid, "realm");
        return new ClientConfig
        {
            Json = json,
            Server = server,
            Realm = realm,
            ClientId = openid is null ? null : Text(openid, "client"),
            AuthUri = string.IsNullOrEmpty(server) || string.IsNullOrEmpty(realm) ? null : $"{server.TrimEnd('/')}/realms/{realm}/protocol/openid-connect/auth",
            Secrets = secrets,
        };
    }

    // Step 2, diagram profile: keys match case-insensitively.
    private static ClientConfig Diagram(JsonObject json, List<string> secrets) => new()
    {
        Json = json,
        AuthUri = Key(json, "identity_broker_auth_uri"),
        ClientId = Key(json, "client_id"),
        Secrets = secrets,
    };

    private static string? Key(JsonObject json, string name) =>
        json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static IEnumerable<string> SecretPaths(JsonNode? node, string path)
    {
        if (node is not JsonObject obj)
        {
            return [];
        }

        return obj.SelectMany(p => p.Key.Contains("secret", StringComparison.OrdinalIgnoreCase) && p.Value is not null && p.Value.ToJsonString() is not ("\"\"" or "null")
            ? [$"{path}.{p.Key}"]
            : SecretPaths(p.Value, $"{path}.{p.Key}"));
    }
}
