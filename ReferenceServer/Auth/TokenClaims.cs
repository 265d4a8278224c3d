using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>
/// Pbench's identity from a validated access token: user id = <c>sub</c>, username =
/// <c>preferred_username</c> (else <c>sub</c>), roles = <c>resource_access[audience].roles</c>.
/// </summary>
internal sealed class TokenClaims(JsonWebToken jwt, ReferenceServerOptions options, DefectSet defects)
{
    public const string AdminRole = "ADMIN";

    public TokenCheck Identity()
    {
        JsonObject payload;
        try
        {
            payload = JsonNode.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)) as JsonObject
                ?? throw new JsonException("the payload is not a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return TokenCheck.Invalid("the token's payload is not a JSON object");
        }

        if (AccessTokenTypeProblem(payload) is { } typeProblem)
        {
            return TokenCheck.Invalid(typeProblem);
        }

        if (Text(payload, "sub") is not { Length: > 0 } subject)
        {
            return TokenCheck.Invalid("the token has no sub claim");
        }

        var username = Text(payload, "preferred_username") is { Length: > 0 } name ? name : subject;
        var roles = Roles(payload);
        var admin = roles.Contains(AdminRole, StringComparer.Ordinal) || options.AdminUsers.Contains(username, StringComparer.Ordinal);
        return TokenCheck.Valid(new PbenchUser(username, subject, roles, admin));
    }

    // Keycloak marks its tokens with a typ claim: "Bearer" (access), "ID", "Refresh". An id_token or
    // refresh token is not an access token (RFC 6750 §1.3) even when it verifies.
    private static string? AccessTokenTypeProblem(JsonObject payload)
    {
        if (!payload.TryGetPropertyValue("typ", out var typ) || typ is null)
        {
            return null;
        }

        var value = typ.GetValueKind() == JsonValueKind.String ? typ.GetValue<string>() : typ.ToJsonString();
        return value.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the token's typ is '{(value.Length <= 20 ? value : value[..20])}', not 'Bearer': only access tokens are accepted";
    }

    private List<string> Roles(JsonObject payload)
    {
        var resourceAccess = payload["resource_access"] as JsonObject;
        if (!defects.Has(DefectNames.AdminFromAnyClient))
        {
            return RoleList(resourceAccess?[options.Audience]);
        }

        // The defect: roles of every client, and realm roles, count as the server's roles.
        var all = (resourceAccess ?? new JsonObject()).SelectMany(client => RoleList(client.Value)).ToList();
        all.AddRange(RoleList(payload["realm_access"]));
        return [.. all.Distinct(StringComparer.Ordinal)];
    }

    private static List<string> RoleList(JsonNode? access) =>
        access is JsonObject client && client["roles"] is JsonArray roles
            ? [.. roles.Where(r => r?.GetValueKind() == JsonValueKind.String).Select(r => r!.GetValue<string>())]
            : [];

    private static string? Text(JsonObject payload, string name) =>
        payload[name] is { } node && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
