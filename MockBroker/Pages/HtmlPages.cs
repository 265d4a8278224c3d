using System.Text;
using System.Text.Encodings.Web;

namespace PbenchAuthSpec.MockBroker.Pages;

/// <summary>The broker's HTML pages, with Keycloak's element ids and every value HTML-encoded.</summary>
internal static class HtmlPages
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;color:#222}"
        + "label,input{display:block;width:100%;margin:.3rem 0}input{padding:.4rem}"
        + "#input-error,#kc-error-message{color:#b00}#kc-social-providers ul{list-style:none;padding:0}";

    public static string Login(LoginPageModel model)
    {
        var html = new StringBuilder();
        Head(html, $"Sign in to {model.Realm}");
        html.Append("<div id=\"kc-header\">").Append(E(model.Realm)).Append("</div>\n");
        html.Append("<h1 id=\"kc-page-title\">Sign in to your account</h1>\n");
        if (model.Error is not null)
        {
            html.Append("<div class=\"alert-error\"><span id=\"input-error\" aria-live=\"polite\">").Append(E(model.Error)).Append("</span></div>\n");
        }

        html.Append("<form id=\"kc-form-login\" method=\"post\" action=\"").Append(E(model.FormAction)).Append("\">\n")
            .Append("<label for=\"username\">Username or email</label>")
            .Append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" autofocus value=\"").Append(E(model.Username ?? "")).Append("\">\n")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\n")
            .Append("<input id=\"kc-login\" name=\"login\" type=\"submit\" value=\"Sign In\">\n</form>\n");
        if (model.Providers.Count > 0)
        {
            html.Append("<div id=\"kc-social-providers\"><h2>Or sign in with</h2><ul>\n");
            foreach (var (alias, displayName, href) in model.Providers)
            {
                html.Append("<li><a id=\"social-").Append(E(alias)).Append("\" class=\"social-link\" type=\"button\" href=\"").Append(E(href))
                    .Append("\"><span>").Append(E(displayName)).Append("</span></a></li>\n");
            }

            html.Append("</ul></div>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    public static string Error(string error, string description)
    {
        var html = new StringBuilder();
        Head(html, "We are sorry...");
        html.Append("<h1 id=\"kc-page-title\">We are sorry...</h1>\n")
            .Append("<div id=\"kc-error-message\" data-error=\"").Append(E(error)).Append("\"><p class=\"instruction\">")
            .Append(E(description)).Append("</p></div>\n</body></html>\n");
        return html.ToString();
    }

    public static string LoggedOut(string realm)
    {
        var html = new StringBuilder();
        Head(html, "Signing out");
        html.Append("<h1 id=\"kc-page-title\">You are logged out</h1>\n<p id=\"kc-info-message\">Your session in realm ")
            .Append(E(realm)).Append(" has ended.</p>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>Keycloak asks before logging out a browser that gave no id_token_hint (logout CSRF).</summary>
    public static string ConfirmLogout(string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = new StringBuilder();
        Head(html, "Logging out");
        html.Append("<h1 id=\"kc-page-title\">Logging out</h1>\n<p>Do you want to log out?</p>\n")
            .Append("<form id=\"kc-logout-confirm\" method=\"post\" action=\"").Append(E(action)).Append("\">\n");
        foreach (var (name, value) in fields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value)).Append("\">\n");
        }

        html.Append("<input id=\"kc-logout\" name=\"confirmLogout\" type=\"submit\" value=\"Logout\">\n</form>\n</body></html>\n");
        return html.ToString();
    }

    private static void Head(StringBuilder html, string title) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title))
            .Append("</title><style>").Append(Style).Append("</style></head><body>\n");

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
