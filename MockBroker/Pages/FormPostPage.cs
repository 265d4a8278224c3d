using System.Text;
using System.Text.Encodings.Web;

namespace PbenchAuthSpec.MockBroker.Pages;

/// <summary>
/// OAuth 2.0 Form Post Response Mode §2: the parameters as hidden fields of a form the page
/// submits to the redirect URI on load. Keycloak's page shape
/// (services/src/main/java/org/keycloak/protocol/oidc/utils/OIDCRedirectUriBuilder.java, FormPostRedirectUriBuilder).
/// </summary>
internal static class FormPostPage
{
    public static string Render(string action, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var html = new StringBuilder();
        html.Append("<HTML>\n  <HEAD>\n    <TITLE>Submit This Form</TITLE>\n  </HEAD>\n  <BODY Onload=\"javascript:document.forms[0].submit()\">\n")
            .Append("    <FORM METHOD=\"POST\" ACTION=\"").Append(E(action)).Append("\">\n");
        foreach (var (name, value) in parameters)
        {
            html.Append("      <INPUT TYPE=\"HIDDEN\" NAME=\"").Append(E(name)).Append("\" VALUE=\"").Append(E(value)).Append("\" />\n");
        }

        html.Append("      <NOSCRIPT>\n        <P>JavaScript is disabled. We strongly recommend to enable it. Click the button below to continue.</P>\n")
            .Append("        <INPUT name=\"continue\" TYPE=\"SUBMIT\" VALUE=\"CONTINUE\" />\n      </NOSCRIPT>\n    </FORM>\n  </BODY>\n</HTML>\n");
        return html.ToString();
    }

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
