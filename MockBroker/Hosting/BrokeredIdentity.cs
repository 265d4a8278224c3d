using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// Keycloak's <c>BrokeredIdentityContext</c>: who the IdP says logged in. Built as
/// OIDCIdentityProvider.extractIdentity does: the id_token's claims, replaced by the userinfo
/// response's when there is one (OIDC Core §5.4: a provider may release profile claims only there);
/// the username is <c>preferred_username</c>, else <c>email</c>, else <c>sub</c>.
/// </summary>
internal sealed record BrokeredIdentity
{
    public required string Id { get; init; }

    public required string Username { get; init; }

    public string? Email { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    /// <summary>The claims mappers read (AbstractClaimMapper: the id_token's, then userinfo's).</summary>
    public IReadOnlyDictionary<string, JsonElement> Claims { get; init; } = new Dictionary<string, JsonElement>();

    public static BrokeredIdentity From(JsonWebToken idToken, JsonElement? userInfo)
    {
        ArgumentNullException.ThrowIfNull(idToken);
        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var claim in Protocol.CompactJwt.Payload(idToken).EnumerateObject())
        {
            claims[claim.Name] = claim.Value;
        }

        var source = (IReadOnlyDictionary<string, JsonElement>)new Dictionary<string, JsonElement>(claims, StringComparer.Ordinal);
        if (userInfo is { } info)
        {
            var fromUserInfo = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var claim in info.EnumerateObject())
            {
                fromUserInfo[claim.Name] = claim.Value.Clone();
                claims[claim.Name] = claim.Value.Clone();
            }

            source = fromUserInfo;
        }

        // OIDC Core §5.3.2: the userinfo sub must be the id_token's; Keycloak refuses the login otherwise.
        var id = Text(source, "sub") ?? "";
        if (id != idToken.Subject)
        {
            throw new UpstreamException("Mismatch between the subject in the id_token and the subject from the user_info endpoint");
        }

        var email = Text(source, "email");
        return new BrokeredIdentity
        {
            Id = id,
            Username = (Text(source, "preferred_username") ?? email ?? id).ToLowerInvariant(),
            Email = email,
            FirstName = Text(source, "given_name"),
            LastName = Text(source, "family_name"),
            Claims = claims,
        };
    }

    public static string? Text(IReadOnlyDictionary<string, JsonElement> claims, string name) =>
        claims.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>Keycloak's claim mappers match a string claim, or any element of an array claim.</summary>
    public bool HasClaim(string name, string value) =>
        Claims.TryGetValue(name, out var claim) && claim.ValueKind switch
        {
            JsonValueKind.String => claim.GetString() == value,
            JsonValueKind.Array => claim.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == value),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => claim.GetRawText() == value,
            _ => false,
        };
}
