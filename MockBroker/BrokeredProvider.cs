namespace PbenchAuthSpec.MockBroker;

/// <summary>One identity provider a realm brokers, as <c>serve</c> and the walk need to name it: its redirect URI is <see cref="RedirectUri"/>.</summary>
/// <param name="Issuer">The issuer with <c>{idp}</c>-style placeholders resolved (null when only endpoint URLs are configured).</param>
public sealed record BrokeredProvider(string Realm, string Alias, string? Issuer, string ClientId, string RedirectUri);
