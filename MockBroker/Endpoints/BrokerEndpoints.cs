using PbenchAuthSpec.MockBroker.Admin;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>Wires every endpoint of the broker to one <see cref="BrokerContext"/>.</summary>
internal static class BrokerEndpoints
{
    public static void Map(WebApplication app, BrokerContext broker)
    {
        if (broker.Foreign)
        {
            // A real Keycloak has no /__admin: the harness must find no journal, mapping or hook there.
            app.Use(async (http, next) =>
            {
                if (http.Request.Path.StartsWithSegments("/__admin", StringComparison.Ordinal))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(http);
            });
        }

        app.UseMiddleware<StatusBodyMiddleware>();
        var cors = new BrokerCors(broker);
        var ownTokens = new OwnTokens(broker);
        var finisher = new LoginFinisher(broker);
        var exchange = new UpstreamExchange(broker.Upstream, new UpstreamSignatures(broker.Upstream), broker.Clock);

        // The realm's endpoints, routed from RealmRoutes in one group that resolves {realm} once.
        var realms = RealmRoutes.MapRealms(app, broker);
        new RealmEndpoints(broker, cors).Map(app, realms);
        new AuthorizationEndpoint(broker, finisher).Map(realms);
        new LoginActionsEndpoint(finisher).Map(realms);
        new IdentityBrokerEndpoint(broker, finisher, exchange, new FirstBrokerLogin(broker.Clock)).Map(realms);
        new TokenEndpoint(cors, new TokenIssuer(broker), new AuthorizationCodeGrant(broker), new RefreshTokenGrant(broker, ownTokens)).Map(realms);
        new TokenIntrospectionEndpoint(broker, cors, ownTokens).Map(realms);
        new TokenRevocationEndpoint(broker, cors, ownTokens).Map(realms);
        new UserinfoEndpoint(broker, cors, ownTokens).Map(realms);
        new LogoutEndpoint(broker, cors, ownTokens).Map(realms);
        new SessionIframeEndpoints(broker).Map(realms);
        var admin = new AdminGuard(broker, ownTokens);
        new AdminRealmEndpoints(admin).Map(app);
        new AdminUserEndpoints(admin).Map(app);
        new AdminRoleMappingEndpoints(admin).Map(app);
        new AdminClientEndpoints(admin).Map(app);
        new AdminRoleEndpoints(admin).Map(app);
        new AdminIdentityProviderEndpoints(admin).Map(app);
        new AdminClientScopeEndpoints(admin).Map(app);
        new AdminKeyEndpoints(admin).Map(app);
        if (!broker.Foreign)
        {
            new TestHookEndpoints(broker).Map(app);
        }
    }
}
