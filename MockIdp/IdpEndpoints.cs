namespace PbenchAuthSpec.MockIdp;

/// <summary>Every MockIdp URL, computed from the issuer in this one place.</summary>
internal sealed class IdpEndpoints(string issuer)
{
    public const string DiscoveryPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/jwks";
    public const string AuthorizationPath = "/authorize";
    public const string TokenPath = "/token";
    public const string UserinfoPath = "/userinfo";
    public const string LoginPath = "/login";
    public const string ConsentPath = "/consent";

    public string Issuer { get; } = issuer;

    public string Discovery => Issuer + DiscoveryPath;

    public string Jwks => Issuer + JwksPath;

    public string Authorization => Issuer + AuthorizationPath;

    public string Token => Issuer + TokenPath;

    public string Userinfo => Issuer + UserinfoPath;

    /// <summary>The login page of one sign-in: the URL carries the transaction id and nothing else.</summary>
    public static string LoginPage(string transactionId) => $"{LoginPath}?tx={Uri.EscapeDataString(transactionId)}";

    public static string ConsentPage(string transactionId) => $"{ConsentPath}?tx={Uri.EscapeDataString(transactionId)}";
}
