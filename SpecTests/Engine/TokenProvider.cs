using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Other users' tokens by the broker's password grant (RFC 6749 §4.3), as Pbench's functional tests get them.</summary>
public sealed class TokenProvider(HarnessHttp http, BrokerFacts broker, string clientId)
{
    public string ClientId => clientId;

    /// <summary>The token response, or the reason there is none.</summary>
    public async Task<(TokenSet? Tokens, string? Problem)> PasswordGrantAsync(UserCredential user, string? realm = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Usable)
        {
            return (null, $"no password for user '{user.Username}'");
        }

        var endpoint = realm is null ? broker.TokenEndpoint : $"{broker.BaseUrl}/realms/{realm}/protocol/openid-connect/token";
        var e = await http.PostFormAsync(endpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = clientId,
            ["username"] = user.Username,
            ["password"] = user.Password!,
            ["scope"] = "openid profile email",
        }, cancellationToken);
        var tokens = e.Status == 200 ? TokenSet.Parse(e.ResponseBody) : null;
        return tokens?.AccessToken is not null
            ? (tokens, null)
            : (null, $"password grant for '{user.Username}' at {endpoint} answered {Steps.StatusText(e)} {Steps.Excerpt(e.ResponseBody, 120)}");
    }
}
