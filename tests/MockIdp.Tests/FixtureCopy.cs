using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>
/// How tests register an extra client (e.g. a relying party's redirect URI): a copy of
/// <c>fixtures/idp.json</c> with the client added, written beside the test binaries and passed as
/// <see cref="MockIdpOptions.FixtureFile"/>. Its relative signingKey still resolves to <c>fixtures/keys/</c>.
/// </summary>
public static class FixtureCopy
{
    public static string WithClient(string clientId, string secret, params string[] redirectUris)
    {
        var fixture = IdpFixture.Load(FixturePaths.File("idp.json"));
        fixture.Clients = [.. fixture.Clients, new IdpClient { ClientId = clientId, ClientSecret = secret, RedirectUris = redirectUris }];
        var name = new string(clientId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "fixture-copies")).FullName;
        var path = Path.Combine(folder, $"idp-with-{name}.json");
        File.WriteAllText(path, fixture.ToJson());
        return path;
    }
}
