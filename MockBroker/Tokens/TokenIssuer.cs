using System.Buffers;
using System.Text.Json;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// Mints Keycloak-shaped access, ID and refresh tokens and the token response. Claims are written
/// straight to UTF-8 and signed with the realm's cached credentials (the benchmarked path).
/// </summary>
internal sealed class TokenIssuer(BrokerContext broker)
{
    private static readonly string[] AccountRoles = ["manage-account", "manage-account-links", "view-profile"];

    public TokenResponse Issue(TokenGrant grant)
    {
        var realm = grant.Realm;
        var now = broker.Clock.GetUtcNow();
        var iat = now.ToUnixTimeSeconds();
        var lifetime = (long)KeycloakClients.AccessTokenLifespan(grant.Client, realm.Lifetimes.AccessToken).TotalSeconds;
        var issuer = broker.IssuerFor(realm);
        var signer = broker.SignerFor(realm);
        var scopes = new AppliedScopes(Scopes.Applied(realm, grant.Client, grant.Scope), broker.KeycloakVersion);
        var nonce = NoncePlacement.For(broker.KeycloakVersion, grant.Client.ProtocolMappers.Concat(scopes.Mappers), grant.Nonce, grant.CodeExchange);

        var accessToken = signer.Sign(AccessClaims(grant, scopes, issuer, iat, iat + lifetime, nonce.Access));
        var idToken = grant.IncludeIdToken ? signer.Sign(IdClaims(grant, scopes, issuer, iat, iat + lifetime, accessToken, nonce.Id)) : null;
        string? refreshToken = null;
        long refreshExpiresIn = 0;
        if (grant.IncludeRefreshToken)
        {
            var refreshExp = grant.Session!.RefreshExpiry(now, realm.Lifetimes.SessionIdle, realm.Lifetimes.SessionMax).ToUnixTimeSeconds();
            var jti = Guid.NewGuid().ToString();
            refreshToken = realm.RefreshSigner.Sign(RefreshClaims(grant, issuer, iat, refreshExp, jti, nonce.Refresh));
            refreshExpiresIn = refreshExp - iat;
            grant.Session.SetCurrentRefresh(grant.Client.ClientId, jti);
            grant.Session.AttachClient(grant.Client.ClientId);
        }

        return new TokenResponse
        {
            AccessToken = accessToken,
            ExpiresIn = broker.Fault(realm, BrokerFaults.ExpiresInMismatch) ? lifetime + 600 : lifetime,
            RefreshExpiresIn = refreshExpiresIn,
            RefreshToken = refreshToken,
            TokenType = broker.Fault(realm, BrokerFaults.MissingTokenType) ? null : "Bearer",
            IdToken = idToken,
            SessionState = grant.Session?.Id,
            Scope = grant.Scope,
        };
    }

    // Each claim group comes from the client scope whose mappers write it in Keycloak: roles
    // (realm_access, resource_access, the audience resolve), web-origins, acr, profile, email
    // and, from Keycloak 25, basic (sub and auth_time in the access token).
    private byte[] AccessClaims(TokenGrant grant, AppliedScopes scopes, string issuer, long iat, long exp, string? nonce) => Write(w =>
    {
        Common(w, grant, issuer, iat, exp, "Bearer", () => WriteAccessAudience(w, grant, scopes), scopes.Basic, nonce);
        if (scopes.Acr)
        {
            w.WriteString("acr", grant.Acr);
        }

        if (scopes.WebOrigins)
        {
            w.WriteStartArray("allowed-origins");
            foreach (var origin in ClientRules.WebOrigins(grant.Client, broker.Stack))
            {
                w.WriteStringValue(origin);
            }

            w.WriteEndArray();
        }

        if (scopes.Roles)
        {
            WriteRoles(w, grant);
        }

        w.WriteString("scope", grant.Scope);
        WriteProfile(w, grant, scopes);
    });

    private byte[] IdClaims(TokenGrant grant, AppliedScopes scopes, string issuer, long iat, long exp, string accessToken, string? nonce) => Write(w =>
    {
        Common(w, grant, issuer, iat, exp, "ID", () => w.WriteString("aud", grant.Client.ClientId), subject: true, nonce);
        w.WriteString("at_hash", TokenSigner.AccessTokenHash(accessToken));
        if (scopes.Acr)
        {
            w.WriteString("acr", grant.Acr);
        }

        WriteProfile(w, grant, scopes);
    });

    private byte[] RefreshClaims(TokenGrant grant, string issuer, long iat, long exp, string jti, string? nonce) => Write(w =>
    {
        w.WriteNumber("exp", exp);
        w.WriteNumber("iat", iat);
        w.WriteString("jti", jti);
        w.WriteString("iss", issuer);
        w.WriteString("aud", grant.Realm.Urls.Issuer);
        w.WriteString("sub", grant.User.Id.ToString());
        w.WriteString("typ", "Refresh");
        w.WriteString("azp", grant.Client.ClientId);
        WriteIfSet(w, "nonce", nonce);
        WriteSession(w, grant);
        w.WriteString("scope", grant.Scope);
    });

    private void Common(Utf8JsonWriter w, TokenGrant grant, string issuer, long iat, long exp, string typ, Action writeAudience, bool subject, string? nonce)
    {
        w.WriteNumber("exp", exp);
        w.WriteNumber("iat", iat);
        if (grant.Session is not null && subject)
        {
            w.WriteNumber("auth_time", grant.Session.AuthTime.ToUnixTimeSeconds());
        }

        w.WriteString("jti", Guid.NewGuid().ToString());
        w.WriteString("iss", issuer);
        writeAudience();
        if (subject)
        {
            w.WriteString("sub", grant.User.Id.ToString());
        }

        w.WriteString("typ", typ);
        w.WriteString("azp", grant.Client.ClientId);
        WriteIfSet(w, "nonce", nonce);
        WriteSession(w, grant);
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteSession(Utf8JsonWriter w, TokenGrant grant)
    {
        if (grant.Session is null)
        {
            return;
        }

        // Keycloak 25 dropped the session_state claim; sid stays.
        if (broker.KeycloakVersion <= 24)
        {
            w.WriteString("session_state", grant.Session.Id);
        }

        w.WriteString("sid", grant.Session.Id);
    }

    private void WriteAccessAudience(Utf8JsonWriter w, TokenGrant grant, AppliedScopes scopes)
    {
        // Keycloak: the audience mappers' audiences (the client's own and its client scopes'), and
        // with the roles scope (its "audience resolve" mapper) the clients the user holds roles of and "account".
        var mapped = grant.Client.Audiences
            .Concat(grant.Client.ProtocolMappers.Select(m => m.AccessTokenAudience))
            .Concat(scopes.Mappers.Select(m => m.AccessTokenAudience))
            .OfType<string>();
        var resolved = scopes.Roles ? grant.User.ClientRoles.Keys.Where(c => c != grant.Client.ClientId).Append("account") : [];
        var audiences = broker.Fault(grant.Realm, BrokerFaults.NoAudience)
            ? ["account"]
            : mapped.Concat(resolved).Distinct(StringComparer.Ordinal).ToList();
        if (audiences.Count == 0)
        {
            return;
        }

        if (audiences.Count == 1)
        {
            w.WriteString("aud", audiences[0]);
            return;
        }

        w.WriteStartArray("aud");
        foreach (var audience in audiences)
        {
            w.WriteStringValue(audience);
        }

        w.WriteEndArray();
    }

    private static void WriteRoles(Utf8JsonWriter w, TokenGrant grant)
    {
        w.WriteStartObject("realm_access");
        w.WriteStartArray("roles");
        foreach (var role in grant.User.RealmRoles.Concat(["offline_access", "uma_authorization", $"default-roles-{grant.Realm.Name}"]).Distinct(StringComparer.Ordinal))
        {
            w.WriteStringValue(role);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("resource_access");
        foreach (var (client, roles) in grant.User.ClientRoles.Where(r => r.Key != "account").Append(new("account", AccountRoles)))
        {
            w.WriteStartObject(client);
            w.WriteStartArray("roles");
            foreach (var role in roles)
            {
                w.WriteStringValue(role);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteProfile(Utf8JsonWriter w, TokenGrant grant, AppliedScopes scopes)
    {
        var user = grant.User;
        if (scopes.Email)
        {
            w.WriteBoolean("email_verified", user.EmailVerified);
        }

        if (scopes.Profile)
        {
            WriteIfSet(w, "name", user.FullName);
            w.WriteString("preferred_username", user.Username);
            WriteIfSet(w, "given_name", user.FirstName);
            WriteIfSet(w, "family_name", user.LastName);
        }

        if (scopes.Email)
        {
            WriteIfSet(w, "email", user.Email);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
