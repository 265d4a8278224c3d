using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli;

/// <summary>
/// What <c>serve</c> prints for a person: each server, what to configure a Pbench server with, a
/// token in one curl line, the admin API's URLs, and the fixture users.
/// </summary>
internal static class ServeBanner
{
    private const string Realm = "pbench-server";
    private const string Client = "pbench-client";

    public static IEnumerable<string> Lines(StandInStack stack, StandInStackOptions options)
    {
        var broker = Fixture(options, "broker.json");
        var realm = broker["realms"]?.AsArray().FirstOrDefault(r => (string?)r?["realm"] == Realm);
        var client = realm?["clients"]?.AsArray().FirstOrDefault(c => (string?)c?["clientId"] == Client);
        var grantUser = realm?["users"]?.AsArray().FirstOrDefault(u => u?["password"] is not null);
        var tokenEndpoint = $"{stack.RealmUrl}/protocol/openid-connect/token";
        var brokerUrl = stack.Broker.BaseUrl;

        if (stack.StartedMockIdp)
        {
            yield return $"MockIdp          {stack.Idp.BaseUrl}  (discovery {stack.Idp.BaseUrl}/.well-known/openid-configuration)";
        }

        // Another provider, already running (--idp, or literal URLs in the broker fixture): what the broker uses and what it must register.
        foreach (var idp in stack.StartedMockIdp ? [] : stack.IdentityProviders())
        {
            yield return $"identity provider '{idp.Alias}' at {idp.Issuer ?? "(endpoint URLs of the broker fixture)"} (not started here), client {idp.ClientId}, redirect URI {idp.RedirectUri}";
        }

        yield return $"MockBroker       {brokerUrl}  (realm {stack.RealmUrl})";
        yield return stack.StartedTarget
            ? $"ReferenceServer  {stack.TargetUrl}  (dashboard {stack.TargetUrl}/dashboard/)"
            : $"target           {stack.TargetUrl}  (not started here; {Client}'s redirect URIs {stack.TargetUrl}/dashboard/*, web origin {stack.TargetUrl})";
        yield return $"client           {Client} ({((bool?)client?["publicClient"] ?? true ? "public" : "confidential")}, audience {(string?)client?["audiences"]?[0] ?? Realm})";
        yield return $"token endpoint   {tokenEndpoint}";
        if (grantUser is not null)
        {
            yield return $"password grant   curl -s -d grant_type=password -d client_id={Client} -d username={(string?)grantUser["username"]} -d password={(string?)grantUser["password"]} -d 'scope=openid profile email' {tokenEndpoint}";
        }

        yield return $"Pbench [openid]  server_url = {brokerUrl}, realm = {Realm}, client = {Client}, audience = {(string?)client?["audiences"]?[0] ?? Realm}";
        yield return $"journal          {brokerUrl}/__admin/requests (every server of this stack, in order; DELETE clears it)";
        yield return $"fault mappings   {(stack.StartedMockIdp ? $"{stack.Idp.BaseUrl}/__admin/mappings, " : "")}{brokerUrl}/__admin/mappings (GET, POST, DELETE)";
        yield return $"broker hooks     {brokerUrl}/__admin/broker; POST {brokerUrl}/__admin/broker/realms/{Realm}/rotate-key, POST …/realms/{Realm}/restore-key, POST …/realms/{Realm}/lifetimes, PUT|DELETE {brokerUrl}/__admin/broker/faults/NAME (every /__admin write: -H 'Content-Type: application/json')";
        yield return $"admin API        {brokerUrl}/admin/realms/{Realm}/users (Keycloak's; token: POST {brokerUrl}/realms/master/protocol/openid-connect/token, client admin-cli, {MasterAdmin(broker)})";
        foreach (var (where, user, password) in Users(options, broker, stack.StartedMockIdp))
        {
            yield return $"user             {user} / {password}  ({where})";
        }

        if (options.Defects.Count > 0)
        {
            yield return $"defects on       {string.Join(", ", options.Defects)}";
        }

        if (options.MappingFiles.Count > 0)
        {
            yield return $"mappings loaded  {string.Join(", ", options.MappingFiles)}";
        }

        yield return "Press Ctrl-C to stop.";
    }

    private static string MasterAdmin(JsonNode broker)
    {
        var master = broker["realms"]?.AsArray().FirstOrDefault(r => (string?)r?["realm"] == "master");
        var admin = master?["users"]?.AsArray().FirstOrDefault(u => u?["realmRoles"]?.AsArray().Any(r => (string?)r == "admin") ?? false);
        return admin is null ? "a master-realm admin" : $"{(string?)admin["username"]} / {(string?)admin["password"]}";
    }

    private static IEnumerable<(string Where, string User, string Password)> Users(StandInStackOptions options, JsonNode broker, bool mockIdp)
    {
        // MockIdp's users only when MockIdp runs: another provider has its own.
        foreach (var user in mockIdp ? Fixture(options, "idp.json")["users"]?.AsArray() ?? [] : [])
        {
            yield return ("MockIdp, log in through the broker's MockIdp button", (string)user!["username"]!, (string)user["password"]!);
        }

        foreach (var realm in broker["realms"]?.AsArray() ?? [])
        {
            foreach (var user in realm!["users"]?.AsArray() ?? [])
            {
                yield return ($"MockBroker realm {(string)realm["realm"]!}, password grant", (string)user!["username"]!, (string)user["password"]!);
            }
        }
    }

    private static JsonNode Fixture(StandInStackOptions options, string name) =>
        JsonNode.Parse(File.ReadAllText(options.FixtureFile(name) ?? FixturePaths.File(name))) ?? new JsonObject();
}
