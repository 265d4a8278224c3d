using System.Text.Json;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary><c>…/protocol/openid-connect/token</c>: RFC 6749 §3.2 with Keycloak's grants and response fields.</summary>
internal sealed class TokenEndpoint(BrokerCors cors, TokenIssuer issuer, AuthorizationCodeGrant codeGrant, RefreshTokenGrant refreshGrant)
{
    public void Map(IEndpointRouteBuilder realms) =>
        realms.MapPost(RealmRoutes.Token, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));

    private async Task HandleAsync(HttpContext http, Realm realm)
    {
        if (await ClientRequest.ReadAsync(http, cors, realm) is not { } request)
        {
            return;
        }

        var (_, client, form) = request;

        var result = await GrantAsync(realm, client, form);
        if (result.Grant is not { } grant)
        {
            await BrokerHttp.ErrorAsync(http, result.Error!, result.Description!, result.Status);
            return;
        }

        await BrokerHttp.JsonAsync(http, JsonSerializer.SerializeToUtf8Bytes(issuer.Issue(grant), BrokerJson.Default.TokenResponse), noStore: true);
    }

    // RFC 6749 §4.1.3, §4.3.2, §4.4.2, §6; anything else is unsupported_grant_type (§5.2).
    private ValueTask<GrantResult> GrantAsync(Realm realm, Fixtures.ClientFixture client, ProtocolParameters form) => form["grant_type"] switch
    {
        null => new(GrantResult.Fail("invalid_request", "Missing form parameter: grant_type")),
        "authorization_code" => new(codeGrant.Handle(realm, client, form)),
        "refresh_token" => new(refreshGrant.HandleAsync(realm, client, form)),
        "password" => new(PasswordGrant.Handle(realm, client, form)),
        "client_credentials" => new(ClientCredentialsGrant.Handle(realm, client, form)),
        var other => new(GrantResult.Fail("unsupported_grant_type", $"Unsupported grant_type: {BrokerHttp.Short(other)}")),
    };
}
