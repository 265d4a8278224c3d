using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Tests.Support;

/// <summary>Mints Keycloak-shaped tokens for the tests, signed with the fixture broker key unless told otherwise.</summary>
public sealed class TokenFactory(string issuer, SigningKey key, TimeProvider clock)
{
    public const string Audience = "pbench-server";
    public const string Client = "pbench-client";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issuer => issuer;

    public SigningKey Key => key;

    /// <summary>A stable, per-username subject (a broker's user id).</summary>
    public static string SubjectOf(string username) => $"{username}-0000-4000-8000-subject";

    public JsonObject AccessClaims(string username = "alice")
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["exp"] = now + 300,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = issuer,
            ["aud"] = new JsonArray(Audience, "account"),
            ["sub"] = SubjectOf(username),
            ["typ"] = "Bearer",
            ["azp"] = Client,
            ["sid"] = Guid.NewGuid().ToString(),
            ["scope"] = "openid profile email",
            ["preferred_username"] = username,
            ["email"] = $"{username}@example.com",
            ["realm_access"] = new JsonObject { ["roles"] = new JsonArray("default-roles-pbench-server", "offline_access") },
            ["resource_access"] = new JsonObject { ["account"] = new JsonObject { ["roles"] = new JsonArray("manage-account") } },
        };
        if (username == "admin")
        {
            claims["resource_access"]![Audience] = new JsonObject { ["roles"] = new JsonArray("ADMIN") };
        }

        return claims;
    }

    public string Access(string username = "alice", Action<JsonObject>? change = null, SigningKey? signer = null)
    {
        var claims = AccessClaims(username);
        change?.Invoke(claims);
        return Sign(claims, signer);
    }

    /// <summary>An id_token as Keycloak makes it: <c>aud</c> = the client, <c>typ</c> = ID.</summary>
    public string IdToken(string username = "alice", string? nonce = null) => Access(username, claims =>
    {
        claims["aud"] = Client;
        claims["typ"] = "ID";
        claims.Remove("resource_access");
        claims.Remove("realm_access");
        claims.Remove("scope");
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }
    });

    /// <summary>A refresh token as Keycloak makes it: a JWT with <c>typ</c> = Refresh and the realm as <c>aud</c>.</summary>
    public string RefreshToken(string username = "alice") => Access(username, claims =>
    {
        claims["aud"] = issuer;
        claims["typ"] = "Refresh";
        claims["exp"] = claims["iat"]!.GetValue<long>() + 1800;
    });

    public string Sign(JsonObject claims, SigningKey? signer = null) => Handler.CreateToken(claims.ToJsonString(), (signer ?? key).Credentials);

    public static string Hs256(JsonObject claims, byte[] secret) =>
        Handler.CreateToken(claims.ToJsonString(), new SigningCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256));

    /// <summary>RFC 7519 §6: an unsecured JWT (<c>alg: none</c>, empty signature).</summary>
    public static string Unsigned(JsonObject claims) =>
        $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.";

    /// <summary>The same header and signature with another payload: what an attacker editing a token sends.</summary>
    public static string WithPayload(string token, JsonObject claims)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()))}.{parts[2]}";
    }
}
