namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>keycloak-js from npm, pinned in <c>tests/MockBroker.Tests/KeycloakJs/</c> (see <see cref="NpmHarness"/>).</summary>
internal static class KeycloakJsPackage
{
    private static readonly NpmHarness Harness = new("KeycloakJs", "keycloak-js");

    public static string PinnedVersion => Harness.PinnedVersion;

    /// <summary>The path of <c>lib/keycloak.js</c>, installing the pinned release first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync() => Path.Combine(await Harness.EnsureInstalledAsync(), "lib", "keycloak.js");
}
