namespace PbenchAuthSpec.MockBroker.Pages;

/// <summary>What the login page shows: the realm, the form's target, the IdP buttons, and an error.</summary>
internal sealed record LoginPageModel(
    string Realm,
    string FormAction,
    IReadOnlyList<(string Alias, string DisplayName, string Href)> Providers,
    string? Username,
    string? Error);
