namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>Every URL of a realm: the bound base URL and the realm name with a route of <see cref="RealmRoutes"/>.</summary>
internal sealed record RealmUrls
{
    public RealmUrls(string baseUrl, string realm)
    {
        var root = baseUrl + RealmRoutes.PathOf(realm, "");
        string Url(string route) => root + route;
        Issuer = Url(RealmRoutes.RealmDocument);
        TokenService = Url(RealmRoutes.TokenService);
        Authorization = Url(RealmRoutes.Authorization);
        Token = Url(RealmRoutes.Token);
        Introspection = Url(RealmRoutes.Introspection);
        Revocation = Url(RealmRoutes.Revocation);
        Certs = Url(RealmRoutes.Certs);
        Userinfo = Url(RealmRoutes.Userinfo);
        Logout = Url(RealmRoutes.Logout);
        CheckSessionIframe = Url(RealmRoutes.CheckSessionIframe);
        ThirdPartyCookiesStep1 = Url(RealmRoutes.ThirdPartyCookiesStep1);
        ThirdPartyCookiesStep2 = Url(RealmRoutes.ThirdPartyCookiesStep2);
        Account = Url(RealmRoutes.Account);
        Discovery = Url(RealmRoutes.Discovery);
        LoginActions = Url(RealmRoutes.LoginActions);
        CookiePath = RealmRoutes.PathOf(realm, "/");
    }

    public string Issuer { get; }

    public string TokenService { get; }

    public string Authorization { get; }

    public string Token { get; }

    public string Introspection { get; }

    public string Revocation { get; }

    public string Certs { get; }

    public string Userinfo { get; }

    public string Logout { get; }

    public string CheckSessionIframe { get; }

    public string ThirdPartyCookiesStep1 { get; }

    public string ThirdPartyCookiesStep2 { get; }

    public string Account { get; }

    public string Discovery { get; }

    public string LoginActions { get; }

    /// <summary>Keycloak scopes its cookies to the realm: <c>/realms/{realm}/</c>.</summary>
    public string CookiePath { get; }

    public string BrokerLogin(string alias) => Issuer + RealmRoutes.BrokerLogin.Replace("{alias}", alias, StringComparison.Ordinal);

    public string BrokerEndpoint(string alias) => Issuer + RealmRoutes.BrokerEndpoint.Replace("{alias}", alias, StringComparison.Ordinal);
}
