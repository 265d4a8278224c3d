using System.Text.Json;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>
/// Reads and validates a broker fixture; every error names the file and the setting. The fixture
/// records' settings with defaults have <c>set</c>, not <c>init</c>: compile-time JSON metadata
/// assigns every init property, so a setting missing from the file would lose its default
/// (dotnet/runtime#84484).
/// </summary>
internal static class FixtureLoader
{
    public static BrokerFixture Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"--fixture {path}: no such file; point it at a broker fixture such as fixtures/broker.json.");
        }

        BrokerFixture? fixture;
        try
        {
            fixture = JsonSerializer.Deserialize(File.ReadAllText(path), BrokerJson.Fixture.BrokerFixture);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: not a broker fixture ({e.Message}).", e);
        }

        return Validate(fixture ?? new BrokerFixture(), path);
    }

    public static BrokerFixture Validate(BrokerFixture fixture, string source)
    {
        if (fixture.Realms.Count == 0)
        {
            throw new InvalidOperationException($"{source}: 'realms' is empty; a broker needs at least one realm.");
        }

        Unique(fixture.Realms.Select(r => r.Realm), source, "realms[].realm");
        for (var i = 0; i < fixture.Realms.Count; i++)
        {
            ValidateRealm(fixture.Realms[i], $"{source}: realms[{i}]");
        }

        return fixture;
    }

    private static void ValidateRealm(RealmFixture realm, string at)
    {
        Require(realm.Realm.Length > 0 && realm.Realm.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), $"{at}.realm '{realm.Realm}' must be non-empty letters, digits, '-', '_' or '.'");
        Require(realm.AccessTokenLifespan > 0, $"{at}.accessTokenLifespan must be > 0");
        Require(realm.AccessCodeLifespan > 0, $"{at}.accessCodeLifespan must be > 0");
        Require(realm.SsoSessionIdleTimeout > 0 && realm.SsoSessionMaxLifespan > 0, $"{at}.ssoSessionIdleTimeout and ssoSessionMaxLifespan must be > 0");
        Unique(realm.Clients.Select(c => c.ClientId), at, "clients[].clientId");
        Unique(realm.IdentityProviders.Select(p => p.Alias), at, "identityProviders[].alias");
        Unique(realm.Users.Select(u => u.Username.ToLowerInvariant()), at, "users[].username");
        for (var i = 0; i < realm.Clients.Count; i++)
        {
            var client = realm.Clients[i];
            Require(client.ClientId.Length > 0, $"{at}.clients[{i}].clientId is empty");
            Require(client.PublicClient || !string.IsNullOrEmpty(client.Secret), $"{at}.clients[{i}] ('{client.ClientId}') is confidential but has no secret");
            Require(client.PkceCodeChallengeMethod is null or "" or "S256" or "plain", $"{at}.clients[{i}].pkceCodeChallengeMethod must be \"\", \"plain\" or \"S256\"");
            for (var m = 0; m < client.ProtocolMappers.Count; m++)
            {
                var mapper = client.ProtocolMappers[m];
                Require(mapper.Name.Length > 0 && mapper.ProtocolMapper.Length > 0, $"{at}.clients[{i}].protocolMappers[{m}] needs 'name' and 'protocolMapper' (e.g. {ProtocolMapperRepresentation.NonceBackwardsCompatible})");
            }
        }

        for (var i = 0; i < realm.IdentityProviders.Count; i++)
        {
            var idp = realm.IdentityProviders[i];
            Require(idp.Alias.Length > 0 && idp.Alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), $"{at}.identityProviders[{i}].alias '{idp.Alias}' must be letters, digits, '-' or '_'");
            Require(idp.Issuer.Length > 0 && idp.ClientId.Length > 0, $"{at}.identityProviders[{i}] needs 'issuer' and 'clientId'");
            Require(idp.ClientAuthMethod is "client_secret_basic" or "client_secret_post", $"{at}.identityProviders[{i}].clientAuthMethod must be client_secret_basic or client_secret_post");
        }

        for (var i = 0; i < realm.Users.Count; i++)
        {
            Require(realm.Users[i].Username.Length > 0, $"{at}.users[{i}].username is empty");
        }
    }

    private static void Unique(IEnumerable<string> names, string at, string setting)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        Require(duplicate is null, $"{at}: {setting} '{duplicate?.Key}' appears more than once");
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem + "; fix the fixture.");
        }
    }
}
