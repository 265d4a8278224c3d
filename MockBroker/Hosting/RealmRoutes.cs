using PbenchAuthSpec.MockBroker.Endpoints;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// Every route of a realm, relative to <c>/realms/{realm}</c>, in one table: the endpoints are
/// mapped from it (in one <see cref="MapRealms"/> group that resolves the realm once) and
/// <see cref="RealmUrls"/> turns it into the realm's URLs, so a route is written once.
/// </summary>
internal static class RealmRoutes
{
    public const string Prefix = "/realms/{realm}";

    /// <summary>Keycloak's realm representation for adapters (the group's own path).</summary>
    public const string RealmDocument = "";

    public const string Discovery = "/.well-known/openid-configuration";
    public const string TokenService = "/protocol/openid-connect";
    public const string Authorization = TokenService + "/auth";
    public const string Token = TokenService + "/token";
    public const string Introspection = TokenService + "/token/introspect";
    public const string Revocation = TokenService + "/revoke";
    public const string Certs = TokenService + "/certs";
    public const string Userinfo = TokenService + "/userinfo";
    public const string Logout = TokenService + "/logout";
    public const string LogoutConfirm = Logout + "/logout-confirm";
    public const string CheckSessionIframe = TokenService + "/login-status-iframe.html";
    public const string CheckSessionIframeInit = CheckSessionIframe + "/init";
    public const string ThirdPartyCookiesStep1 = TokenService + "/3p-cookies/step1.html";
    public const string ThirdPartyCookiesStep2 = TokenService + "/3p-cookies/step2.html";

    /// <summary>Any endpoint of the token service, for CORS preflights.</summary>
    public const string AnyTokenService = TokenService + "/{endpoint}";

    public const string Account = "/account";
    public const string LoginActions = "/login-actions/authenticate";
    public const string BrokerLogin = "/broker/{alias}/login";
    public const string BrokerEndpoint = "/broker/{alias}/endpoint";

    private static readonly object RealmKey = new();

    /// <summary>
    /// The group of a realm's endpoints. Its filter resolves <c>{realm}</c> once for all of them and
    /// answers an unknown realm with Keycloak's 404 before any handler runs.
    /// </summary>
    public static RouteGroupBuilder MapRealms(IEndpointRouteBuilder app, BrokerContext broker)
    {
        var group = app.MapGroup(Prefix);
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            var name = http.GetRouteValue("realm") as string ?? "";
            if (broker.Realm(name) is not { } realm)
            {
                await BrokerHttp.RealmNotFoundAsync(http, name);
                return Results.Empty;
            }

            http.Items[RealmKey] = realm;
            return await next(invocation);
        });
        return group;
    }

    /// <summary>The realm <see cref="MapRealms"/>' filter resolved for this request.</summary>
    public static Realm Of(HttpContext http) => (Realm)http.Items[RealmKey]!;

    /// <summary>A route of the table as a URL path of one realm (names are used as they are, as Keycloak does).</summary>
    public static string PathOf(string realm, string route) => string.Concat("/realms/", realm, route);
}
