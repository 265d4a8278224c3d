using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Pages;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The hidden iframes of keycloak-js's <c>checkLoginIframe</c> (OIDC Session Management §3.2 in Keycloak's dialect).</summary>
internal sealed class SessionIframeEndpoints(BrokerContext broker)
{
    public void Map(IEndpointRouteBuilder realms)
    {
        realms.MapGet(RealmRoutes.CheckSessionIframe, (HttpContext http) => PageAsync(http, SessionIframePages.LoginStatus));
        realms.MapGet(RealmRoutes.CheckSessionIframeInit, (HttpContext http) => InitAsync(http, RealmRoutes.Of(http)));
        realms.MapGet(RealmRoutes.ThirdPartyCookiesStep1, (HttpContext http) => PageAsync(http, SessionIframePages.ThirdPartyStep1));
        realms.MapGet(RealmRoutes.ThirdPartyCookiesStep2, (HttpContext http) => PageAsync(http, SessionIframePages.ThirdPartyStep2));
    }

    private static Task PageAsync(HttpContext http, string page) => BrokerHttp.HtmlAsync(http, page, framable: true);

    /// <summary>Keycloak's check: 204 when the client exists and the embedding page's origin is one of its web origins.</summary>
    private async Task InitAsync(HttpContext http, Realm realm)
    {
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
