using System.Text;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>Builds the redirect back to a client: parameters in the query or the fragment (OAuth 2.0 Multiple Response Types §2).</summary>
internal static class AuthorizationResponse
{
    public static string Build(string redirectUri, string responseMode, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var encoded = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            encoded.Append(encoded.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        if (responseMode == "fragment")
        {
            return $"{redirectUri}#{encoded}";
        }

        // RFC 6749 §3.1.2: the query component of a registered redirect URI is kept.
        return $"{redirectUri}{(redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?")}{encoded}";
    }
}
