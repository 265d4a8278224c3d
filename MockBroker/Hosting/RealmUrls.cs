namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>Every URL of a realm, computed from one place (the bound base URL and the realm name).</summary>
internal sealed record RealmUrls
{
    public RealmUrls(string baseUrl, string realm)
    {
        Issuer = $"{baseUrl}/realms/{realm}";
        var oidc = $"{Issuer}/protocol/openid-connect";
        TokenService = oidc;
        Authorization = $"{oidc}/auth";
        Token = $"{oidc}/token";
        Introspection = $"{oidc}/token/introspect";
        Revocation = $"{oidc}/revoke";
        Certs = $"{oidc}/certs";
        Userinfo = $"{oidc}/userinfo";
        Logout = $"{oidc}/logout";
        CheckSessionIframe = $"{oidc}/login-status-iframe.html";
        ThirdPartyCookiesStep1 = $"{oidc}/3p-cookies/step1.html";
        ThirdPartyCookiesStep2 = $"{oidc}/3p-cookies/step2.html";
        Account = $"{Issuer}/account";
        Discovery = $"{Issuer}/.well-known/openid-configuration";
        LoginActions = $"{Issuer}/login-actions/authenticate";
        CookiePath = $"/realms/{realm}/";
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

    public string BrokerLogin(string alias) => $"{Issuer}/broker/{alias}/login";

    public string BrokerEndpoint(string alias) => $"{Issuer}/broker/{alias}/endpoint";
}
