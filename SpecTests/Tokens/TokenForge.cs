using System.Text;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>
/// The step-20 invalid-token matrix and its positive controls. Forged tokens copy the real
/// access token's claims, change one thing, and are signed with the broker's key when it is known
/// (MockBroker); cases that need that key are skipped against a foreign broker.
/// </summary>
public sealed class TokenForge(ForgeInputs inputs)
{
    private const string NeedsKey = "the broker's private key is unknown (a foreign broker): this case needs a token the broker's key signed";
    private const string Rfc6750 = "RFC 6750 §3.1";

    private static readonly Lazy<SigningKey> Stranger = new(() => SigningKey.Generate("pbench-auth-spec-unknown"));

    public IReadOnlyList<MatrixCase> InvalidTokenCases() =>
    [
        new("no-token", "no Authorization header at all (the endpoint needs a user)", "RFC 6750 §3", [new("none", null)]),
        Signed("expired", "expired exp", "RFC 7519 §4.1.4", p => Times(p, -900, -600)),
        Signed("exp-missing", "exp missing", "RFC 9068 §2.2", p => p.Remove("exp")),
        Signed("nbf-future", "nbf in the future", "RFC 7519 §4.1.5", p => p["nbf"] = Epoch(600)),
        Case("payload-altered", "payload altered after signing", "RFC 7515 §5.2", Bearer(Altered())),
        Case("unknown-kid", "signed by a key the broker never published (unknown kid)", "RFC 7515 §4.1.4", Bearer(JwsSigner.Rs256(Valid(), Stranger.Value.Rsa, Stranger.Value.Kid))),
        Case("alg-none", "alg: none", "RFC 8725 §3.2", Bearer(JwsSigner.Unsecured(Valid(), inputs.AccessToken.Kid))),
        AlgorithmConfusion(),
        Case("foreign-key-same-kid", "RS256 by a foreign key that reuses the broker's kid", "RFC 7515 §5.2", Bearer(JwsSigner.Rs256(Valid(), Stranger.Value.Rsa, inputs.AccessToken.Kid))),
        Signed("wrong-iss", "wrong iss", "RFC 9068 §4", p => p["iss"] = inputs.Issuer + "-not-this-one"),
        AudWithoutAudience(),
        OtherRealm(),
        Raw("id-token", "the id_token presented as the access token", "RFC 9068 §4", inputs.IdToken, "no id_token came at step 16"),
        Raw("refresh-token", "the refresh token presented as the access token", "RFC 9068 §4", inputs.RefreshToken, "no refresh_token came at step 16"),
        Case("garbage", "garbage strings", Rfc6750, new("garbage", "Bearer not-a-token"), new("dots", "Bearer a.b.c"), new("binary", "Bearer %%%%")),
        Case("truncated", "truncated token", Rfc6750, Bearer(inputs.AccessToken.Raw[..(inputs.AccessToken.Raw.Length - 12)])),
        Case("wrong-scheme", "scheme other than Bearer", "RFC 6750 §2.1", new("Token", $"Token {inputs.AccessToken.Raw}"), new("Basic", $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("x:" + inputs.AccessToken.Raw))}")),
        Case("empty-bearer", "an empty Bearer", "RFC 6750 §2.1", new("Bearer", "Bearer"), new("Bearer-space", "Bearer ")),
        Case("query-token", "the token in the query string instead of the header", "RFC 6750 §2.3", new MatrixAttempt("access_token", null, inputs.AccessToken.Raw)),
    ];

    public IReadOnlyList<MatrixCase> PositiveControls() =>
    [
        AudArray(),
        Case("lower-case-scheme", "token_type in lower case (bearer)", "RFC 6750 §2.1 (auth-scheme is case-insensitive, RFC 9110 §11.1)", new MatrixAttempt("bearer", $"bearer {inputs.AccessToken.Raw}")) with { Positive = true, BrokerToken = true },
    ];

    // Without the broker's key, the broker's own access token is the evidence when its aud already is
    // an array holding the audience (Keycloak's usual ["pbench-server", "account"]).
    private MatrixCase AudArray()
    {
        const string Rule = "RFC 7519 §4.1.3";
        var title = $"aud as an array containing {inputs.Audience}";
        if (inputs.BrokerKey is { } key)
        {
            return Case("aud-array", title, Rule, Bearer(Sign(Valid(p => p["aud"] = new JsonArray(inputs.Audience, "account")), key))) with { Positive = true };
        }

        var aud = inputs.AccessToken.Payload["aud"];
        return aud is JsonArray && inputs.AccessToken.Audiences.Contains(inputs.Audience, StringComparer.Ordinal)
            ? Case("aud-array", $"{title} (the broker's own token of step 16, aud {aud.ToJsonString()})", Rule, Bearer(inputs.AccessToken.Raw)) with { Positive = true, BrokerToken = true }
            : MatrixCase.Skip("aud-array", title, Rule, $"{NeedsKey}, and step 16's token has aud {aud?.ToJsonString() ?? "missing"}, not an array containing {inputs.Audience}", positive: true);
    }

    /// <summary>The rotation control: a valid token signed by a newly rotated key the broker publishes.</summary>
    public MatrixCase RotatedKey(SigningKey rotated) =>
        Case("rotated-key", "a token signed by a newly rotated key that the broker publishes", "OIDC Core §10.1.1", Bearer(Sign(Valid(), rotated))) with { Positive = true };

    /// <summary>The rotation control with a real token the broker signed after rotating.</summary>
    public static MatrixCase RotatedToken(string token, string? how = null) =>
        Case("rotated-key", $"a token signed by a newly rotated key that the broker publishes{(how is null ? "" : $" ({how})")}", "OIDC Core §10.1.1", Bearer(token)) with { Positive = true, BrokerToken = true };

    public static MatrixCase RotatedKeySkipped(string reason) =>
        MatrixCase.Skip("rotated-key", "a token signed by a newly rotated key that the broker publishes", "OIDC Core §10.1.1", reason, positive: true);

    /// <summary>A non-admin's valid token with ADMIN under another client's roles (step 19's forged row).</summary>
    public string? AdminRoleOfAnotherClient(DecodedJwt userToken)
    {
        ArgumentNullException.ThrowIfNull(userToken);
        if (inputs.BrokerKey is not { } key)
        {
            return null;
        }

        var payload = Normalize(userToken.Payload);
        payload["resource_access"] = new JsonObject { ["another-client"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") } };
        return Sign(payload, key);
    }

    /// <summary>The access token's claims made valid now: the right issuer and audience, a fresh lifetime.</summary>
    public JsonObject Valid(Action<JsonObject>? change = null)
    {
        var payload = Normalize(inputs.AccessToken.Payload);
        change?.Invoke(payload);
        return payload;
    }

    private JsonObject Normalize(JsonObject claims)
    {
        var payload = (JsonObject)claims.DeepClone();
        payload["iss"] = inputs.Issuer;
        payload["aud"] = new JsonArray(inputs.Audience, "account");
        payload["jti"] = Guid.NewGuid().ToString();
        payload.Remove("nbf");
        Times(payload, 0, 300);
        return payload;
    }

    private MatrixCase Signed(string id, string title, string rule, Action<JsonObject> change) =>
        inputs.BrokerKey is { } key ? Case(id, title, rule, Bearer(Sign(Valid(change), key))) : MatrixCase.Skip(id, title, rule, NeedsKey);

    // RFC 8725 §3.1: an HS256 token whose HMAC secret is the broker's public key, in the forms a
    // confused verifier might use (PEM text, base64 DER as Keycloak publishes it, raw DER).
    private MatrixCase AlgorithmConfusion()
    {
        const string Id = "hs256-public-key";
        const string Title = "HS256 signed with the broker's public key as the secret (algorithm confusion)";
        using var rsa = Jwks.Rsa(inputs.Jwks.ByKid(inputs.AccessToken.Kid) ?? (inputs.Jwks.Keys.Count > 0 ? inputs.Jwks.Keys[0] : null));
        if (rsa is null)
        {
            return MatrixCase.Skip(Id, Title, "RFC 8725 §3.1", "the broker's JWKS has no RSA key to use as the HMAC secret");
        }

        var der = rsa.ExportSubjectPublicKeyInfo();
        var secrets = new (string Label, byte[] Secret)[]
        {
            ("PEM", Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem() + "\n")),
            ("base64 DER", Encoding.UTF8.GetBytes(inputs.RealmPublicKey ?? Convert.ToBase64String(der))),
            ("DER", der),
        };
        var attempts = secrets.Select(s => new MatrixAttempt($"secret = {s.Label}", "Bearer " + JwsSigner.Hs256(Valid(), s.Secret, inputs.AccessToken.Kid))).ToList();
        return new MatrixCase(Id, Title, "RFC 8725 §3.1", attempts);
    }

    // Without the broker's key, a real token the broker issued to another client of the realm: its
    // signature, iss and lifetime are right, only the audience is not the target's.
    private MatrixCase AudWithoutAudience()
    {
        const string Id = "aud-without-audience";
        const string Rule = "RFC 9068 §4";
        var title = $"aud without {inputs.Audience}";
        if (inputs.BrokerKey is not null || inputs.OtherClientToken is not { } raw)
        {
            return inputs.BrokerKey is null ? MatrixCase.Skip(Id, title, Rule, $"{NeedsKey}; {inputs.OtherClientSkip}") : Signed(Id, title, Rule, p => p["aud"] = new JsonArray("account"));
        }

        var token = DecodedJwt.TryDecode(raw, out _);
        var aud = token?.Payload["aud"]?.ToJsonString() ?? "missing";
        return token is not null && !token.Audiences.Contains(inputs.Audience, StringComparer.Ordinal)
            ? Case(Id, $"{title} (a real token of client {token.Claim("azp")}, aud {aud})", Rule, Bearer(raw))
            : MatrixCase.Skip(Id, title, Rule, $"{NeedsKey}; the other client's token has aud {aud}, which holds {inputs.Audience}");
    }

    private MatrixCase OtherRealm() =>
        inputs.OtherRealmToken is { } token
            ? Case("other-realm", "a token of another realm", "RFC 9068 §4", Bearer(token))
            : MatrixCase.Skip("other-realm", "a token of another realm", "RFC 9068 §4", inputs.OtherRealmSkip);

    private static MatrixCase Raw(string id, string title, string rule, string? token, string missing) =>
        token is null ? MatrixCase.Skip(id, title, rule, missing) : Case(id, title, rule, Bearer(token));

    private string Altered()
    {
        var payload = (JsonObject)inputs.AccessToken.Payload.DeepClone();
        payload["preferred_username"] = "mallory";
        payload["sub"] = "00000000-0000-0000-0000-000000000000";
        return JwsSigner.ReplacePayload(inputs.AccessToken, payload);
    }

    private static string Sign(JsonObject payload, SigningKey key) => JwsSigner.Rs256(payload, key.Rsa, key.Kid);

    private static MatrixCase Case(string id, string title, string rule, params MatrixAttempt[] attempts) => new(id, title, rule, attempts);

    private static MatrixAttempt Bearer(string token) => new("Bearer", $"Bearer {token}");

    private void Times(JsonObject payload, int iatOffset, int expOffset)
    {
        payload["iat"] = Epoch(iatOffset);
        payload["exp"] = Epoch(expOffset);
    }

    private long Epoch(int offsetSeconds) => inputs.Now.AddSeconds(offsetSeconds).ToUnixTimeSeconds();
}
