using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Pages;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The hidden iframes of keycloak-js's <c>checkLoginIframe</c> (OIDC Session Management §3.2 in Keycloak's dialect).</summary>
internal sealed class SessionIframeEndpoints(BrokerContext broker)
{
    private const string Base = "/realms/{realm}/protocol/openid-connect";

    public void Map(WebApplication app)
    {
        app.MapGet($"{Base}/login-status-iframe.html", (HttpContext http, string realm) => PageAsync(http, realm, SessionIframePages.LoginStatus));
        app.MapGet($"{Base}/login-status-iframe.html/init", (HttpContext http, string realm) => InitAsync(http, realm));
        app.MapGet($"{Base}/3p-cookies/step1.html", (HttpContext http, string realm) => PageAsync(http, realm, SessionIframePages.ThirdPartyStep1));
        app.MapGet($"{Base}/3p-cookies/step2.html", (HttpContext http, string realm) => PageAsync(http, realm, SessionIframePages.ThirdPartyStep2));
    }

    private Task PageAsync(HttpContext http, string realmName, string page) =>
        broker.Realm(realmName) is null ? BrokerHttp.RealmNotFoundAsync(http, realmName) : BrokerHttp.HtmlAsync(http, page, framable: true);

    /// <summary>Keycloak's check: 204 when the client exists and the embedding page's origin is one of its web origins.</summary>
    private async Task InitAsync(HttpContext http, string realmName)
    {
        if (broker.Realm(realmName) is not { } realm)
        {
            await BrokerHttp.RealmNotFoundAsync(http, realmName);
            return;
        }

        var query = ProtocolParameters.FromQuery(http.Request);
        if (query.Parameters is not { } p || p["client_id"] is not { } clientId || p["origin"] is not { } origin)
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", query.Error ?? "client_id and origin are required");
            return;
        }

        if (!realm.Clients.TryGetValue(clientId, out var client))
        {
            await BrokerHttp.ErrorAsync(http, "invalid_client", "Client not found.", StatusCodes.Status404NotFound);
            return;
        }

        if (!ClientRules.IsWebOrigin(client, broker.Stack, origin))
        {
            await BrokerHttp.ErrorAsync(http, "invalid_request", "Origin is not a web origin of the client", StatusCodes.Status403Forbidden);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
