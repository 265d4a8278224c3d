using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// Where the login's <c>nonce</c> goes, per Keycloak line: Keycloak 24 and earlier
/// (<c>TokenManager.initToken</c>) put the client session's nonce in the access, refresh and id
/// tokens, refresh included; Keycloak 25+ (upgrading notes, <c>changes-25_0_0.adoc</c>: "Nonce claim
/// is only added to the ID token") in the code exchange's id_token only, unless the client has the
/// "Nonce backwards compatible" protocol mapper (<c>NonceBackwardsCompatibleMapper</c>).
/// </summary>
public sealed class NonceShapeTests
{
    private static readonly string[] TokenNames = ["access_token", "refresh_token", "id_token"];

    [Test]
    public async Task Keycloak_26_puts_the_nonce_in_the_code_exchanges_id_token_only_and_never_after_a_refresh()
    {
        await using var stack = await BrokerTestStack.StartAsync();

        var (login, refreshed, nonce) = await LoginAndRefreshAsync(stack);

        Nonces(login).Should().Equal(null, null, nonce);
        Nonces(refreshed).Should().Equal(null, null, null);
    }

    [Test]
    public async Task Keycloak_24_puts_the_nonce_in_the_access_refresh_and_id_tokens_and_again_after_a_refresh()
    {
        await using var stack = await BrokerTestStack.StartAsync(o => o with { KeycloakVersion = 24 });

        var (login, refreshed, nonce) = await LoginAndRefreshAsync(stack);

        Nonces(login).Should().Equal(nonce, nonce, nonce);
        Nonces(refreshed).Should().Equal(nonce, nonce, nonce);
    }

    [Test]
    public async Task The_nonce_backwards_compatible_mapper_puts_it_back_in_every_token_of_a_Keycloak_26_realm()
    {
        using var fixture = WithNonceMapper(new JsonObject());
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });

        var (login, refreshed, nonce) = await LoginAndRefreshAsync(stack);

        Nonces(login).Should().Equal(nonce, nonce, nonce);
        Nonces(refreshed).Should().Equal(nonce, nonce, nonce);
    }

    [Test]
    public async Task The_mappers_id_token_switch_off_keeps_the_refreshed_id_token_without_nonce()
    {
        using var fixture = WithNonceMapper(new JsonObject { ["id.token.claim"] = "false", ["access.token.claim"] = "true" });
        await using var stack = await BrokerTestStack.StartAsync(o => o with { FixtureFile = fixture.Path });

        var (login, refreshed, nonce) = await LoginAndRefreshAsync(stack);

        Nonces(login).Should().Equal(nonce, nonce, nonce);
        Nonces(refreshed).Should().Equal(nonce, nonce, null);
    }

    // Keycloak's mapper works from a client scope as from the client (ProtocolMapperUtils reads both).
    [Test]
    public async Task The_nonce_backwards_compatible_mapper_works_from_a_client_scope_made_through_the_admin_api()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var scope = await admin.CreateAsync("/admin/realms/pbench-server/client-scopes", """{"name":"nonce-compat","protocol":"openid-connect","protocolMappers":[{"name":"nonce backwards compatible","protocol":"openid-connect","protocolMapper":"oidc-nonce-backwards-compatible-mapper","config":{}}]}""");
        var client = (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/clients?clientId=pbench-client"))[0]!["id"]!.GetValue<string>();
        await admin.NoContentAsync(HttpMethod.Put, $"/admin/realms/pbench-server/clients/{client}/default-client-scopes/{scope}");

        var (login, refreshed, nonce) = await LoginAndRefreshAsync(stack);

        Nonces(login).Should().Equal(nonce, nonce, nonce);
        Nonces(refreshed).Should().Equal(nonce, nonce, nonce);
    }

    [Test]
    public async Task A_protocol_mapper_without_its_type_is_a_fixture_error_naming_the_setting()
    {
        using var fixture = TempFixture.From(json => Client(json)["protocolMappers"] = new JsonArray(new JsonObject { ["name"] = "nonce" }));

        var start = async () => await MockBrokerServer.StartAsync(new MockBrokerOptions { FixtureFile = fixture.Path });

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("clients[0].protocolMappers[0] needs 'name' and 'protocolMapper'");
    }

    private static TempFixture WithNonceMapper(JsonObject config) => TempFixture.From(json => Client(json)["protocolMappers"] = new JsonArray(new JsonObject
    {
        ["name"] = "nonce backwards compatible", ["protocol"] = "openid-connect", ["protocolMapper"] = "oidc-nonce-backwards-compatible-mapper", ["config"] = config,
    }));

    private static JsonObject Client(JsonObject fixture) =>
        TempFixture.Realm(fixture, "pbench-server")["clients"]!.AsArray().Single(c => c!["clientId"]!.GetValue<string>() == "pbench-client")!.AsObject();

    // The code exchange's response, then a refresh's (a second later, so the tokens differ).
    private static async Task<(JsonObject Login, JsonObject Refreshed, string Nonce)> LoginAndRefreshAsync(BrokerTestStack stack)
    {
        using var browser = stack.NewBrowser();
        var request = new AuthRequest();
        var login = await browser.TokensAsync(request);
        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await TokenEndpointTests.Refresh(browser, stack, login);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (login, (await response.Content.ReadFromJsonAsync<JsonObject>())!, request.Nonce!);
    }

    // access, refresh, id: each token's nonce claim (null when absent).
    private static string?[] Nonces(JsonObject tokens) =>
        [.. TokenNames.Select(name => Jwt.Payload(tokens[name]!.GetValue<string>())["nonce"]?.GetValue<string>())];
}
