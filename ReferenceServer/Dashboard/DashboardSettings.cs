using System.Text.Json.Serialization;

namespace PbenchAuthSpec.ReferenceServer.Dashboard;

/// <summary>
/// <c>/dashboard/settings.json</c>: how the dashboard script behaves. The dashboard defects reach
/// the page only through this document, so the static files never change.
/// </summary>
public sealed record DashboardSettings(
    [property: JsonPropertyName("checkState")] bool CheckState,
    [property: JsonPropertyName("pkceMethod")] string? PkceMethod,
    [property: JsonPropertyName("redirectPath")] string RedirectPath,
    [property: JsonPropertyName("tokenBeacon")] string? TokenBeacon,
    [property: JsonPropertyName("dropFirstResponse")] bool DropFirstResponse)
{
    public const string CallbackPath = "/dashboard/callback";

    /// <summary>What the dashboard-wrong-redirect-uri defect sends: on the target's origin, but not registered.</summary>
    public const string WrongCallbackPath = "/callback";

    internal static DashboardSettings For(DefectSet defects, HttpRequest request) => new(
        CheckState: !defects.Has(DefectNames.DashboardSkipState),
        PkceMethod: defects.Has(DefectNames.DashboardNoPkce) ? null : defects.Has(DefectNames.DashboardPkcePlain) ? "plain" : "S256",
        RedirectPath: defects.Has(DefectNames.DashboardWrongRedirectUri) ? WrongCallbackPath : CallbackPath,
        TokenBeacon: defects.Has(DefectNames.DashboardTokenToOtherOrigin) ? OtherOrigin(request) + "/dashboard/beacon.gif" : null,
        DropFirstResponse: defects.Has(DefectNames.DashboardDropsFirstResponse));

    // http://127.0.0.1:P and http://localhost:P are different origins (RFC 6454 §4) that reach the
    // same loopback server, so the leaked request both leaves the page's origin and is journaled.
    private static string OtherOrigin(HttpRequest request)
    {
        var host = request.Host.Host == "127.0.0.1" ? "localhost" : "127.0.0.1";
        return $"{request.Scheme}://{host}:{request.Host.Port ?? 80}";
    }
}
