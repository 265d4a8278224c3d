using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// state.json's <c>next</c>: the request of the step after the one the run stopped at, ready to
/// send by hand with the browser's cookies (method, URL, headers, form, and the same as a
/// <c>curl</c> command). After step 4 the broker's link to the IdP (step 5), after step 8 the IdP's
/// credential form (step 9), after step 16 the restricted call with the token (step 17); other
/// steps are started by the dashboard itself, and <c>what</c> says so.
/// </summary>
public static class NextStep
{
    public static async Task<JsonObject> DescribeAsync(int stoppedAfter, IBrowserContext? context, IPage? page, SpecSettings settings, RunResult result, ProfileCatalogue? catalogue)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(result);
        if (context is null || page is null || page.IsClosed)
        {
            return new JsonObject { ["step"] = stoppedAfter + 1, ["what"] = "no browser page is left to continue from" };
        }

        return stoppedAfter switch
        {
            4 => await LinkAsync(context, page, settings.BrokerPage.IdpButtonSelector),
            8 => await FormAsync(context, page, settings),
            >= 16 when result.Tokens?.AccessToken is { } token && catalogue?.Step18.FirstOrDefault(c => c.User == "login") is { } call => Bearer(stoppedAfter, page.Url, token, call),
            _ => new JsonObject { ["step"] = stoppedAfter + 1, ["what"] = $"the dashboard makes step {stoppedAfter + 1}'s request itself (continue in the browser with --headed); state.json's transaction has what it sent" },
        };
    }

    private static async Task<JsonObject> LinkAsync(IBrowserContext context, IPage page, string selector)
    {
        var href = await page.Locator(selector).First.GetAttributeAsync("href");
        if (href is null)
        {
            return new JsonObject { ["step"] = 5, ["what"] = $"the broker's page has no {selector} link to follow" };
        }

        var url = new Uri(new Uri(page.Url), href).ToString();
        return await RequestAsync(context, 5, "GET", url, null, "the broker's link to the identity provider (its redirect is step 5's authorization request)");
    }

    private static async Task<JsonObject> FormAsync(IBrowserContext context, IPage page, SpecSettings settings)
    {
        // Playwright cannot build a JsonObject from the page's value: the page hands over JSON text.
        var text = await page.Locator(settings.IdpPage.Username).First.EvaluateAsync<string?>(
            "input => { const f = input.closest('form'); return f ? JSON.stringify({ action: f.action, method: (f.getAttribute('method') || 'GET').toUpperCase(), fields: [...new FormData(f)].map(([k, v]) => [k, String(v)]) }) : null; }");
        var form = text is null ? null : JsonNode.Parse(text)?.AsObject();
        if (form is null)
        {
            return new JsonObject { ["step"] = 9, ["what"] = $"the IdP's page has no form around {settings.IdpPage.Username}" };
        }

        var username = await page.Locator(settings.IdpPage.Username).First.GetAttributeAsync("name") ?? "username";
        var password = await page.Locator(settings.IdpPage.Password).First.GetAttributeAsync("name") ?? "password";
        var fields = new JsonObject();
        foreach (var pair in form["fields"]!.AsArray())
        {
            fields[(string)pair![0]!] = (string)pair[1]!;
        }

        fields[username] = settings.Users.Login.Username;
        // The fixture's password is public (README); a real user's is left to the variable that holds it.
        fields[password] = settings.IsEmbedded ? settings.Users.Login.Password : $"${EnvironmentOverrides.Prefix}LOGIN_PASSWORD";
        return await RequestAsync(context, 9, (string)form["method"]!, (string)form["action"]!, fields, "the IdP's credential form, filled with the login user (its answer is step 10's redirect to the broker)");
    }

    private static JsonObject Bearer(int stoppedAfter, string pageUrl, string token, CatalogueCall call)
    {
        var url = new Uri(new Uri(pageUrl).GetLeftPart(UriPartial.Authority)) + call.Path.TrimStart('/');
        var headers = new JsonObject { ["Authorization"] = $"Bearer {token}" };
        return new JsonObject
        {
            ["step"] = 17, ["what"] = $"the restricted call of step 17 with step 16's access token (after step {stoppedAfter})",
            ["method"] = call.Method, ["url"] = url, ["headers"] = headers,
            ["curl"] = $"curl -i -X {call.Method} -H {Quote($"Authorization: Bearer {token}")} {Quote(url)}",
        };
    }

    private static async Task<JsonObject> RequestAsync(IBrowserContext context, int step, string method, string url, JsonObject? form, string what)
    {
        var cookies = string.Join("; ", (await context.CookiesAsync([url])).Select(c => $"{c.Name}={c.Value}"));
        var curl = new StringBuilder($"curl -i -X {method}");
        if (cookies.Length > 0)
        {
            curl.Append(" -b ").Append(Quote(cookies));
        }

        foreach (var (name, value) in form ?? new JsonObject())
        {
            var text = (string?)value ?? "";
            // A variable reference stays outside single quotes so the shell expands it.
            curl.Append(" --data-urlencode ").Append(text.StartsWith('$') ? $"\"{name}={text}\"" : Quote($"{name}={text}"));
        }

        curl.Append(' ').Append(Quote(url));
        return new JsonObject
        {
            ["step"] = step, ["what"] = what, ["method"] = method, ["url"] = url,
            ["headers"] = new JsonObject { ["Cookie"] = cookies },
            ["form"] = form,
            ["curl"] = curl.ToString(),
        };
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
