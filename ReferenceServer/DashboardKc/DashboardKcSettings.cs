using System.Text.Json.Serialization;

namespace PbenchAuthSpec.ReferenceServer.DashboardKc;

/// <summary>
/// <c>/dashboard-kc/settings.json</c>: the switches that make the keycloak-js dashboard behave as
/// the real Pbench dashboard does. They reach the page only through this document, so the static
/// files never change.
/// </summary>
public sealed record DashboardKcSettings(
    [property: JsonPropertyName("keycloakJs")] string KeycloakJs,
    [property: JsonPropertyName("pkceMethod")] string? PkceMethod,
    [property: JsonPropertyName("dropFirstResponse")] bool DropFirstResponse,
    [property: JsonPropertyName("enableLogging")] bool EnableLogging)
{
    public const string KeycloakJs26 = "26.2.4";

    /// <summary>Pbench's dashboard's release (<c>dashboard/package.json</c> in its repository).</summary>
    public const string KeycloakJs21 = "21.1.2";

    internal static DashboardKcSettings For(DefectSet defects)
    {
        var pbenchRelease = defects.Has(DefectNames.DashboardKeycloakJs21);
        return new DashboardKcSettings(
            KeycloakJs: pbenchRelease ? KeycloakJs21 : KeycloakJs26,
            PkceMethod: defects.Has(DefectNames.DashboardNoPkce) ? null : "S256",
            DropFirstResponse: defects.Has(DefectNames.DashboardDropsFirstResponse),
            // Pbench's dashboard runs keycloak-js with enableLogging: its "[KEYCLOAK] ..." lines show in the console.
            EnableLogging: pbenchRelease);
    }
}
