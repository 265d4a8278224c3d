using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Makes the catalogue's calls from the page on the target's origin, with the token of the call's
/// user: setup calls first (capturing variables), the call, then its clean-up.
/// </summary>
public sealed partial class RestrictedCaller(IPage page, BrowserFetch fetch, string targetUrl, UserTokens tokens, Dictionary<string, string> variables)
{
    public static Dictionary<string, string> Variables(ProfileCatalogue catalogue, SpecSettings settings)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(settings);
        var result = new Dictionary<string, string>(catalogue.Variables, StringComparer.OrdinalIgnoreCase)
        {
            ["login"] = settings.Users.Login.Username,
            ["other"] = settings.Users.Other.Username,
            ["admin"] = settings.Users.Admin.Username,
        };
        foreach (var (name, value) in settings.Variables)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>Runs a call with its user's token (or the given Authorization / query token instead).</summary>
    public async Task<CallOutcome> CallAsync(CatalogueCall call, MatrixAttemptOverride? attempt = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var setup in call.Setup)
        {
            await CallAsync(setup);
        }

        var outcome = await SendAsync(call, attempt);
        foreach (var cleanup in call.Cleanup)
        {
            await CallAsync(cleanup);
        }

        return outcome;
    }

    private async Task<CallOutcome> SendAsync(CatalogueCall call, MatrixAttemptOverride? attempt)
    {
        var path = Resolve(call.Path, out var unresolved);
        string? unresolvedBody = null;
        var body = call.Body is null ? null : Resolve(call.Body is JsonValue v && v.TryGetValue(out string? text) ? text : call.Body.ToJsonString(), out unresolvedBody);
        var label = $"{call.Method} {path} as {(attempt is null ? Username(call.User) : attempt.Label)}";
        if ((unresolved ?? unresolvedBody) is { } missing)
        {
            return new CallOutcome { Call = call, Label = label, Skip = $"catalogue variable {{{missing}}} is not set: set PBENCH_AUTH_SPEC_VAR_{missing.ToUpperInvariant()} (or variables.{missing} in the config)" };
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (attempt is not null)
        {
            if (attempt.Authorization is { } a)
            {
                headers["Authorization"] = a;
            }
        }
        else if (call.User != "anonymous")
        {
            if (tokens.Token(call.User) is not { } token)
            {
                return new CallOutcome { Call = call, Label = label, Skip = tokens.WhyMissing(call.User) };
            }

            headers["Authorization"] = $"Bearer {token}";
        }

        if (body is not null)
        {
            headers["Content-Type"] = call.ContentType ?? "application/json";
        }

        var url = targetUrl + path + (attempt?.QueryToken is { } q ? $"{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}access_token={Uri.EscapeDataString(q)}" : "");
        var e = await fetch.FetchAsync(page, new FetchRequest(call.Method, url, headers, body));
        Capture(call, e);
        return Outcome(call, label, e, attempt?.BrokerToken ?? call.User != "anonymous") with { Path = path, Values = Named(call.Path) };
    }

    private Dictionary<string, string> Named(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct()
            .Where(variables.ContainsKey).ToDictionary(name => name, name => variables[name], StringComparer.Ordinal);

    public static CallOutcome Outcome(CatalogueCall call, string label, Exchange e, bool brokerToken) => new()
    {
        Call = call,
        Label = label,
        Status = e.Status,
        WwwAuthenticate = e.ResponseHeader("WWW-Authenticate"),
        Body = e.ResponseBody,
        Error = e.Failure,
        ExchangeId = e.Id,
        BrokerToken = brokerToken,
    };

    private void Capture(CatalogueCall call, Exchange e)
    {
        if (call.Capture.Count == 0 || e.Status is not (>= 200 and < 300))
        {
            return;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(e.ResponseBody ?? "");
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }

        foreach (var (name, path) in call.Capture)
        {
            if (JsonPathLite.Select(json, path) is { } value)
            {
                variables[name] = value;
            }
        }
    }

    private string Username(string role) => variables.GetValueOrDefault(role) ?? role;

    private string Resolve(string text, out string? unresolved)
    {
        var result = Placeholder().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        unresolved = Unresolved(result);
        return result;
    }

    private string? Unresolved(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).FirstOrDefault(name => !variables.ContainsKey(name));

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
