namespace PbenchAuthSpec.LoadGen;

/// <summary>The two servers hostile requests go to, and a code already spent (for replays).</summary>
public sealed record HostileTarget(Uri Broker, Uri Idp, string RedirectUri)
{
    public const string Evil = "https://evil.example/cb";

    public Uri Oidc(string path) => new($"{Broker.ToString().TrimEnd('/')}/realms/pbench-server/protocol/openid-connect/{path}");

    public Uri Broker_(string pathAndQuery) => new($"{Broker.ToString().TrimEnd('/')}{pathAndQuery}");

    public Uri Idp_(string pathAndQuery) => new($"{Idp.ToString().TrimEnd('/')}{pathAndQuery}");
}
