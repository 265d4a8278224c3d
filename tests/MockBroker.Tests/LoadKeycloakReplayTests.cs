using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tests.Support;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// Pbench's own Keycloak set-up (server/pbenchinacan/load_keycloak.sh in the Pbench repository)
/// replayed request for request against an https MockBroker that has only the master realm: the
/// same methods, paths, bodies and headers, ids read from the Location header the way the
/// script's <c>grep -o 'https://[^[:space:]]*' | sed 's|.*/||'</c> reads <c>curl -si</c> output.
/// The script's ADMIN_USERNAME/ADMIN_PASSWORD are set to the fixture's master admin.
/// </summary>
public sealed partial class LoadKeycloakReplayTests
{
    private const string Realm = "pbench-server";
    private const string Client = "pbench-client";
    private const string RedirectUri = "https://localhost:8443/*";
    private const string DevRedirect = "http://localhost:3000/*";

    [Test]
    public async Task The_scripts_requests_provision_a_realm_whose_admin_token_has_the_mapped_audience_and_the_admin_role_mapping()
    {
        await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions
        {
            FixtureFile = FixturePaths.File("broker-master-only.json"),
            Urls = "https://127.0.0.1:0",
            Certificate = LoopbackCertificate.Create(TimeProvider.System),
        });
        using var curl = Curl(broker);
        var host = broker.BaseUrl;
        host.Should().StartWith("https://");

        var adminToken = (await (await curl.PostAsync(new Uri($"{host}/realms/master/protocol/openid-connect/token"), Form("username=kc-admin&password=kc-admin-password&grant_type=password&client_id=admin-cli"))).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        var realm = await SendAsync(curl, HttpMethod.Post, $"{host}/admin/realms", adminToken, $$"""{"realm": "{{Realm}}", "enabled": true}""");
        var scope = await SendAsync(curl, HttpMethod.Post, $"{host}/admin/realms/{Realm}/client-scopes", adminToken, ScopeBody);
        var client = await SendAsync(curl, HttpMethod.Post, $"{host}/admin/realms/{Realm}/clients", adminToken, ClientBody);
        var clientId = IdFromCurlOutput(await CurlSiAsync(client));
        var role = await SendAsync(curl, HttpMethod.Post, $"{host}/admin/realms/{Realm}/clients/{clientId}/roles", adminToken, """{"name": "ADMIN"}""");
        var roleId = (await (await SendAsync(curl, HttpMethod.Get, $"{host}/admin/realms/{Realm}/clients/{clientId}/roles", adminToken, null)).Content.ReadFromJsonAsync<JsonArray>())![0]!["id"]!.GetValue<string>();
        var user = await SendAsync(curl, HttpMethod.Post, $"{host}/admin/realms/{Realm}/users", adminToken, """{"username": "admin", "enabled": true, "credentials": [{"type": "password", "value": "123", "temporary": false}]}""");
        var userId = IdFromCurlOutput(await CurlSiAsync(user));
        var mapping = await SendAsync(curl, HttpMethod.Post, $"{host}/admin/realms/{Realm}/users/{userId}/role-mappings/clients/{clientId}", adminToken, $$"""[{"id":"{{roleId}}","name":"ADMIN"}]""");
        var userRoles = await (await SendAsync(curl, HttpMethod.Get, $"{host}/admin/realms/{Realm}/users/{userId}/role-mappings/clients/{clientId}", adminToken, "")).Content.ReadFromJsonAsync<JsonArray>();

        realm.StatusCode.Should().Be(HttpStatusCode.Created, "the script exits unless realm creation answers 201");
        scope.IsSuccessStatusCode.Should().BeTrue("curl -f fails on an error status");
        client.IsSuccessStatusCode.Should().BeTrue();
        clientId.Should().MatchRegex("^[0-9a-f-]{36}$", "the one https:// URL in the answer is the new client's Location");
        role.StatusCode.Should().Be(HttpStatusCode.Created);
        userId.Should().MatchRegex("^[0-9a-f-]{36}$");
        mapping.StatusCode.Should().Be(HttpStatusCode.NoContent);
        userRoles!.Select(r => r!["name"]!.GetValue<string>()).Should().Contain("ADMIN", "the script's last check: \"The Keycloak configuration is complete.\"");

        var token = await PasswordGrantAsync(curl, host, "admin", "123");
        var claims = Jwt.Payload(token);
        AdminProvisioningTests.Audiences(claims).Should().Contain(Client, "the pbench client scope's audience mapper names the client");
        claims["azp"]!.GetValue<string>().Should().Be(Client);
        claims["scope"]!.GetValue<string>().Split(' ').Should().Contain("pbench");

        // Keycloak's createClient replaces the realm's default client scopes with the body's list
        // (pbench, profile, email; "openid" is no client scope): without the built-in "roles"
        // scope, its role mappers do not run and the ADMIN role is not in the token. An operator
        // adds the roles scope to the client, and then it is.
        claims.Should().NotContainKey("resource_access");
        var scopes = await (await SendAsync(curl, HttpMethod.Get, $"{host}/admin/realms/{Realm}/client-scopes", adminToken, null)).Content.ReadFromJsonAsync<JsonArray>();
        var rolesScope = scopes!.Single(s => s!["name"]!.GetValue<string>() == "roles")!["id"]!.GetValue<string>();
        (await SendAsync(curl, HttpMethod.Put, $"{host}/admin/realms/{Realm}/clients/{clientId}/default-client-scopes/{rolesScope}", adminToken, null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var withRoles = Jwt.Payload(await PasswordGrantAsync(curl, host, "admin", "123"));
        withRoles["resource_access"]![Client]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("ADMIN");
    }

    [Test]
    public async Task Reading_ids_the_scripts_way_finds_nothing_on_an_http_broker()
    {
        await using var broker = await MockBrokerServer.StartAsync(new MockBrokerOptions { FixtureFile = FixturePaths.File("broker-master-only.json") });
        using var admin = await AdminClient.StartAsync(broker.BaseUrl);

        var realm = await admin.SendJsonAsync(HttpMethod.Post, "/admin/realms", $$"""{"realm": "{{Realm}}", "enabled": true}""");
        var client = await admin.SendJsonAsync(HttpMethod.Post, $"/admin/realms/{Realm}/clients", ClientBody);

        realm.StatusCode.Should().Be(HttpStatusCode.Created);
        IdFromCurlOutput(await CurlSiAsync(client)).Should().BeEmpty("the script greps for https:// only, so it needs an https broker");
    }

    private static string ScopeBody => $$"""
        {
              "name": "pbench",
              "description": "",
              "protocol": "openid-connect",
              "attributes": {
                "include.in.token.scope": "true",
                "display.on.consent.screen": "true",
                "gui.order": "",
                "consent.screen.text": ""
              },
              "protocolMappers": [
                {
                  "name": "pbench-mapper",
                  "protocol": "openid-connect",
                  "protocolMapper": "oidc-audience-mapper",
                  "consentRequired": false,
                  "config": {
                    "included.client.audience": "{{Client}}",
                    "id.token.claim": "false",
                    "access.token.claim": "true"
                  }
                }
              ]
            }
        """;

    private static string ClientBody => $$"""
        {"clientId": "{{Client}}",
               "publicClient": true,
               "defaultClientScopes": ["pbench", "openid", "profile", "email"],
               "directAccessGrantsEnabled": true,
               "serviceAccountsEnabled": true,
               "enabled": true,
               "attributes": {"post.logout.redirect.uris": "+"},
               "redirectUris": ["{{RedirectUri}}", "{{DevRedirect}}"]}
        """;

    // curl trusts exactly the CA bundle it is given (CURL_CA_BUNDLE): here, the broker's certificate, host name checked.
    private static HttpClient Curl(MockBrokerServer broker)
    {
        var pinned = broker.Certificate!.Thumbprint;
        return new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && certificate?.Thumbprint == pinned,
        });
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient curl, HttpMethod method, string url, string token, string? json)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            // curl -H "Content-Type: application/json" sends the header even on a GET without a body.
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var response = await curl.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<string> PasswordGrantAsync(HttpClient curl, string host, string username, string password)
    {
        var response = await curl.PostAsync(new Uri($"{host}/realms/{Realm}/protocol/openid-connect/token"), Form($"grant_type=password&client_id={Client}&username={username}&password={password}&scope=openid"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    // What `curl -si` prints: the status line, the headers, a blank line, the body.
    private static async Task<string> CurlSiAsync(HttpResponseMessage response)
    {
        var text = new StringBuilder($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        }

        return text.Append("\r\n").Append(await response.Content.ReadAsStringAsync()).ToString();
    }

    // $(grep -o -e 'https://[^[:space:]]*' <<< ${OUT} | sed -e 's|.*/||'): one line per https URL, its last path segment.
    private static string IdFromCurlOutput(string output) =>
        string.Join('\n', HttpsUrl().Matches(output).Select(m => m.Value[(m.Value.LastIndexOf('/') + 1)..]));

    private static StringContent Form(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");

    [GeneratedRegex(@"https://[^\s]*")]
    private static partial Regex HttpsUrl();
}
