using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// MockIdp's HTML: the login form, the consent form, the error page and the form_post response.
/// Element ids are a contract (the spec drives the pages through them): <c>form#login-form</c>,
/// <c>input#username</c>, <c>input#password</c>, <c>button#login</c>, <c>#error</c>;
/// <c>form#consent-form</c>, <c>button#consent-allow</c>, <c>button#consent-deny</c>.
/// </summary>
internal static class IdpPages
{
    // OAuth 2.0 Form Post Response Mode §2: the page submits itself; the script is allowed by its hash only.
    private const string AutoSubmitScript = "document.forms[0].submit();";

    private static readonly string AutoSubmitHash =
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(AutoSubmitScript)));

    private const string Style = "body{font-family:sans-serif;max-width:28rem;margin:3rem auto}#error,#error-description{color:#b00020}";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Login(LoginTransaction transaction, string? error, string? username)
    {
        var errorLine = error is null ? "" : $"""<p id="error" role="alert">{Html.Encode(error)}</p>""";
        return Page("Sign in", $"""
            <h1>Sign in to MockIdp</h1>
            <p>to continue to <strong id="client-name">{Html.Encode(transaction.Request.Client.DisplayName)}</strong></p>
            {errorLine}
            <form id="login-form" method="post" action="{IdpEndpoints.LoginPath}">
              <input type="hidden" name="tx" value="{Html.Encode(transaction.Id)}">
              <p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required autofocus value="{Html.Encode(username ?? "")}"></p>
              <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
              <p><button id="login" type="submit">Sign in</button></p>
            </form>
            """);
    }

    public static string Consent(LoginTransaction transaction, IdpUser user)
    {
        var scopes = string.Join("", transaction.Request.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => $"<li>{Html.Encode(s)}</li>"));
        return Page("Consent", $"""
            <h1>Allow access?</h1>
            <p><strong id="client-name">{Html.Encode(transaction.Request.Client.DisplayName)}</strong> asks to know who
            <strong id="consent-user">{Html.Encode(user.Username)}</strong> is:</p>
            <ul id="consent-scopes">{scopes}</ul>
            <form id="consent-form" method="post" action="{IdpEndpoints.ConsentPath}">
              <input type="hidden" name="tx" value="{Html.Encode(transaction.Id)}">
              <button id="consent-allow" type="submit" name="decision" value="allow">Allow</button>
              <button id="consent-deny" type="submit" name="decision" value="deny">Deny</button>
            </form>
            """);
    }

    public static string Error(string error, string description) => Page("Error", $"""
        <h1>MockIdp cannot go on with this sign-in</h1>
        <p>Error: <code id="error-code">{Html.Encode(error)}</code></p>
        <p id="error-description">{Html.Encode(description)}</p>
        """);

    public static string FormPost(string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var inputs = string.Join("\n", fields.Select(f =>
            $"""<input type="hidden" name="{Html.Encode(f.Key)}" value="{Html.Encode(f.Value)}">"""));
        return Page("Continue", $"""
            <form method="post" action="{Html.Encode(action)}">
            {inputs}
            <noscript><button type="submit">Continue</button></noscript>
            </form>
            <script>{AutoSubmitScript}</script>
            """);
    }

    /// <summary>Writes a page that no cache keeps and no other site frames. No CSP form-action: Chromium applies it to every redirect after the post too, which would block the way back to the client.</summary>
    public static async Task WriteAsync(HttpContext context, string html, int status, bool autoSubmit = false)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        var script = autoSubmit ? $"; script-src 'sha256-{AutoSubmitHash}'" : "";
        response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'{script}";
        await response.WriteAsync(html, context.RequestAborted);
    }

    private static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>MockIdp – {title}</title>
        <style>{Style}</style></head>
        <body><main>
        {body}
        </main></body>
        </html>
        """;
}
