namespace PbenchAuthSpec.SpecTests.Trace;

/// <summary>
/// The broker's redirect back to the dashboard with a code (or an error), paired with the
/// authorization request it answers (the one whose <c>state</c> it carries).
/// </summary>
/// <param name="Response">The exchange whose <c>Location</c> carries the response (for a silent request, the request itself).</param>
/// <param name="Request">The authorization request it answers.</param>
public sealed record AuthorizationResponse(Exchange Response, Exchange Request)
{
    /// <summary>The response's parameters, where the request's <c>response_mode</c> put them.</summary>
    public IReadOnlyDictionary<string, string> Parameters => Urls.AuthorizationResponseOf(Request.Parameters, Response.Location ?? "");

    public string? Code => Parameters.GetValueOrDefault("code");
}
