using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>An authorization response as the client receives it, from a Location query, a fragment, or a form_post page.</summary>
public sealed record AuthorizationResponse(HttpStatusCode Status, string Target, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Code => Get("code");

    public string? State => Get("state");

    public string? Iss => Get("iss");

    public string? Error => Get("error");

    public string? ErrorDescription => Get("error_description");

    /// <summary>The URI the response was sent to, without its parameters.</summary>
    public string RedirectUri => Target;

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public static AuthorizationResponse FromRedirect(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"{(int)response.StatusCode} without Location.");
        var hash = location.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            return new(response.StatusCode, location[..hash], Parse(location[(hash + 1)..]));
        }

        var question = location.IndexOf('?', StringComparison.Ordinal);
        return question < 0
            ? new(response.StatusCode, location, new Dictionary<string, string>())
            : new(response.StatusCode, location[..question], Parse(location[(question + 1)..]));
    }

    public static AuthorizationResponse FromFormPost(HttpStatusCode status, string html)
    {
        var form = HtmlForm.Parse(html);
        return new(status, form.Action, form.Fields);
    }

    private static Dictionary<string, string> Parse(string query) =>
        QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
