using System.Text.Json;
using System.Text.Json.Nodes;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// Secrets in JSON request bodies, as Keycloak's admin REST API carries them: a user's
/// <c>credentials[].value</c> and a reset-password body (<c>{"type":"password","value":…}</c>), a
/// client's <c>secret</c>, an identity provider's <c>config.clientSecret</c>, and any property named
/// <c>password</c> or <c>client_secret</c>. Names are compared in any case.
/// </summary>
public static class JsonBodyRedaction
{
    private static readonly string[] SecretProperties = ["password", "client_secret", "secret", "clientSecret"];

    /// <summary>True when the body looks like JSON (an object or an array), whatever its Content-Type said.</summary>
    public static bool LooksLikeJson(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var trimmed = body.AsSpan().TrimStart();
        return trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '[');
    }

    /// <summary>
    /// The body with every secret's value replaced by <paramref name="mark"/> (the same string when it
    /// carries none). A body that does not parse but names a secret is replaced whole: which part is
    /// the secret cannot be told, and a journal must never keep one.
    /// </summary>
    public static string Apply(string body, string mark)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!SecretProperties.Any(name => body.Contains(name, StringComparison.OrdinalIgnoreCase)) && !body.Contains("\\u", StringComparison.Ordinal))
        {
            return body;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return SecretProperties.Any(name => body.Contains(name, StringComparison.OrdinalIgnoreCase)) ? $"{mark} (a body that is not JSON, naming a secret)" : body;
        }

        return root is not null && Redact(root, mark) ? root.ToJsonString() : body;
    }

    private static bool Redact(JsonNode node, string mark)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                // Keycloak's CredentialRepresentation: the value of a password credential is the password.
                var isPasswordCredential = o["type"] is JsonValue type && type.TryGetValue<string>(out var t) && string.Equals(t, "password", StringComparison.OrdinalIgnoreCase);
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue && (IsSecret(name) || (isPasswordCredential && string.Equals(name, "value", StringComparison.OrdinalIgnoreCase))))
                    {
                        if (!(value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == mark))
                        {
                            o[name] = mark;
                            changed = true;
                        }
                    }
                    else if (value is not null)
                    {
                        changed |= Redact(value, mark);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        changed |= Redact(item, mark);
                    }
                }

                break;
        }

        return changed;
    }

    private static bool IsSecret(string name) => SecretProperties.Contains(name, StringComparer.OrdinalIgnoreCase);
}
