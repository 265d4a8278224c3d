using System.Text;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>Sends the authorization response (success or error) to a trusted redirect URI, in the response mode asked for.</summary>
internal sealed class AuthorizationResponder(IdpRuntime runtime)
{
    // RFC 6749 §4.1.2: code and state; RFC 9207 §2: iss in every authorization response.
    public Task SuccessAsync(HttpContext context, AuthorizationRequest request, string code) =>
        SendAsync(context, request.RedirectUri, request.ResponseMode, [new("code", code)], request.State);

    // RFC 6749 §4.1.2.1: error, error_description and the state exactly as received.
    public Task ErrorAsync(HttpContext context, string redirectUri, string responseMode, string? state, string error, string description) =>
        SendAsync(context, redirectUri, responseMode, [new("error", error), new("error_description", ProtocolText.Trim(description))], state);

    public Task ErrorAsync(HttpContext context, AuthorizationRequest request, string error, string description) =>
        ErrorAsync(context, request.RedirectUri, request.ResponseMode, request.State, error, description);

    private Task SendAsync(HttpContext context, string redirectUri, string responseMode, List<KeyValuePair<string, string>> parameters, string? state)
    {
        if (state is not null)
        {
            parameters.Add(new("state", state));
        }

        parameters.Add(new("iss", runtime.Issuer));
        if (responseMode == "form_post")
        {
            // OAuth 2.0 Form Post Response Mode §2: an auto-submitting form, status 200.
            return IdpPages.WriteAsync(context, IdpPages.FormPost(redirectUri, parameters), StatusCodes.Status200OK, autoSubmit: true);
        }

        // OAuth 2.0 Multiple Response Types §2.1: query (the default for code) or fragment.
        var separator = responseMode == "fragment" ? '#' : redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var location = new StringBuilder(redirectUri).Append(separator);
        for (var i = 0; i < parameters.Count; i++)
        {
            location.Append(i == 0 ? "" : "&").Append(parameters[i].Key).Append('=').Append(Uri.EscapeDataString(parameters[i].Value));
        }

        var response = context.Response;
        response.StatusCode = runtime.Configuration.RedirectStatus;
        response.Headers.Location = location.ToString();
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        return Task.CompletedTask;
    }
}
