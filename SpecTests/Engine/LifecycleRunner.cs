using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>After the steps: refresh (and reuse of the old refresh token), a step-18 call with the new token, logout.</summary>
public sealed class LifecycleRunner(HarnessHttp http, BrokerFacts broker, string clientId)
{
    public async Task<LifecycleEvidence> RunAsync(TokenSet tokens, Func<string, Task<CallOutcome>> step18With, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(step18With);
        if (tokens.RefreshToken is not { } original)
        {
            return new LifecycleEvidence { Skip = "no refresh_token at step 16" };
        }

        var refresh = await RefreshAsync(original, cancellationToken);
        var fresh = refresh.Status == 200 ? TokenSet.Parse(refresh.ResponseBody) : null;
        var reuse = fresh?.RefreshToken is { } rotated && rotated != original ? await RefreshAsync(original, cancellationToken) : null;
        var call = fresh?.AccessToken is { } access ? await step18With(access) : null;
        var current = fresh?.RefreshToken ?? original;
        if (broker.EndSessionEndpoint is not { } endSession)
        {
            return new LifecycleEvidence { Refresh = refresh, Reuse = reuse, RefreshedCall = call, LogoutSkip = "the broker's discovery names no end_session_endpoint" };
        }

        // Keycloak accepts a logout POST with the client's refresh token (what its adapters send).
        var logout = await http.PostFormAsync(endSession, new Dictionary<string, string> { ["client_id"] = clientId, ["refresh_token"] = current }, cancellationToken);
        var after = await RefreshAsync(current, cancellationToken);
        return new LifecycleEvidence { Refresh = refresh, Reuse = reuse, RefreshedCall = call, Logout = logout, RefreshAfterLogout = after };
    }

    private Task<Trace.Exchange> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        http.PostFormAsync(broker.TokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        }, cancellationToken);

    public static CatalogueCall FirstLoginCall(ProfileCatalogue catalogue) =>
        (catalogue ?? throw new ArgumentNullException(nameof(catalogue))).Step18.FirstOrDefault(c => c.User == "login") ?? catalogue.Step18[0];
}
