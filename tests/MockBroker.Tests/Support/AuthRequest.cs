using System.Security.Cryptography;
using System.Text;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>An authorization request as a dashboard would build it (PKCE S256 by default).</summary>
internal sealed record AuthRequest
{
    public string ClientId { get; init; } = "pbench-client";

    public string RedirectUri { get; init; } = $"{BrokerTestStack.Target}/dashboard/callback";

    public string? ResponseType { get; init; } = "code";

    public string? ResponseMode { get; init; }

    public string? Scope { get; init; } = "openid profile email";

    public string? State { get; init; } = "state-" + Guid.NewGuid().ToString("N");

    public string? Nonce { get; init; } = "nonce-" + Guid.NewGuid().ToString("N");

    public string? CodeVerifier { get; init; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string? CodeChallengeMethod { get; init; } = "S256";

    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public string? CodeChallenge => CodeVerifier is null ? null
        : CodeChallengeMethod == "plain" ? CodeVerifier
        : System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));

    public string Url(string realmUrl)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = ResponseType,
            ["response_mode"] = ResponseMode,
            ["scope"] = Scope,
            ["state"] = State,
            ["nonce"] = Nonce,
            ["code_challenge"] = CodeChallenge,
            ["code_challenge_method"] = CodeVerifier is null ? null : CodeChallengeMethod,
        };
        foreach (var (name, value) in Extra)
        {
            parameters[name] = value;
        }

        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return $"{realmUrl}/protocol/openid-connect/auth?{query}";
    }

    public Dictionary<string, string> TokenForm(string code)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["client_id"] = ClientId, ["redirect_uri"] = RedirectUri };
        if (CodeVerifier is not null)
        {
            form["code_verifier"] = CodeVerifier;
        }

        return form;
    }
}
