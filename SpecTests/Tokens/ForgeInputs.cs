namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>What the invalid-token matrix is built from: the walk's tokens and what is known of the broker's keys.</summary>
public sealed record ForgeInputs
{
    public required DecodedJwt AccessToken { get; init; }

    public string? IdToken { get; init; }

    public string? RefreshToken { get; init; }

    /// <summary>The broker issuer the target trusts (<c>{server}/realms/{realm}</c>).</summary>
    public required string Issuer { get; init; }

    public required string Audience { get; init; }

    /// <summary>The broker's active private key when known (MockBroker); null for a foreign broker.</summary>
    public Protocol.SigningKey? BrokerKey { get; init; }

    public required Jwks Jwks { get; init; }

    /// <summary>The realm's <c>public_key</c> (base64 DER), the form Pbench reads.</summary>
    public string? RealmPublicKey { get; init; }

    /// <summary>A real token of another realm of the broker, or null with <see cref="OtherRealmSkip"/>.</summary>
    public string? OtherRealmToken { get; init; }

    public string OtherRealmSkip { get; init; } = "no other realm is configured (users.otherRealm)";

    /// <summary>
    /// A real token of another client of the realm (Keycloak's <c>admin-cli</c>, by password grant for
    /// the <c>other</c> user): "aud without the audience" when the broker's key is unknown.
    /// </summary>
    public string? OtherClientToken { get; init; }

    public string OtherClientSkip { get; init; } = "no token of another client was asked for";

    public required DateTimeOffset Now { get; init; }
}
