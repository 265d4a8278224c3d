namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>A realm's token and session lifetimes (Keycloak: access token lifespan, SSO session idle/max, code lifespan).</summary>
internal sealed record RealmLifetimes(TimeSpan AccessToken, TimeSpan SessionIdle, TimeSpan SessionMax, TimeSpan Code);
