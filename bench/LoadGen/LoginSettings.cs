namespace PbenchAuthSpec.LoadGen;

/// <summary>Where a brokered login goes: MockBroker's realm, the public client and its redirect URI.</summary>
public sealed record LoginSettings(Uri BrokerUrl, string RedirectUri)
{
    public string Realm { get; init; } = "pbench-server";

    public string ClientId { get; init; } = "pbench-client";

    public string IdentityProvider { get; init; } = "mockidp";

    public Uri RealmUrl => new($"{BrokerUrl.ToString().TrimEnd('/')}/realms/{Realm}");

    public Uri TokenUrl => new($"{RealmUrl}/protocol/openid-connect/token");

    public Uri AuthUrl => new($"{RealmUrl}/protocol/openid-connect/auth");
}
