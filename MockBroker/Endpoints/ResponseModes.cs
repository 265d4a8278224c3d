namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// The seven response modes Keycloak answers in: OAuth 2.0 Multiple Response Types §2.1 (query,
/// fragment), Form Post Response Mode, and JARM's JWT modes (query.jwt, fragment.jwt,
/// form_post.jwt, and jwt, which is query.jwt for the code flow).
/// </summary>
internal static class ResponseModes
{
    public static readonly string[] All = ["query", "fragment", "form_post", "query.jwt", "fragment.jwt", "form_post.jwt", "jwt"];

    public static bool IsKnown(string mode) => All.Contains(mode, StringComparer.Ordinal);

    /// <summary>JARM §2.3.4: <c>jwt</c> is the default JWT mode of the response type (query.jwt for code).</summary>
    public static string Normalize(string mode) => mode == "jwt" ? "query.jwt" : mode;

    public static bool IsJwt(string mode) => Normalize(mode).EndsWith(".jwt", StringComparison.Ordinal);

    /// <summary>Where the parameters travel: query, fragment or form_post.</summary>
    public static string Carrier(string mode) => Normalize(mode).Replace(".jwt", "", StringComparison.Ordinal);
}
