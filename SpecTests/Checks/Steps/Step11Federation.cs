using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Tokens;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Step 11, identity federation: (a) one back-channel code exchange at the IdP with a valid
/// id_token, (b) a broker user for the IdP subject, (c) the federated-identity link.
/// </summary>
public static class Step11Federation
{
    private const string Rule = "Diagram step 11";

    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context, FederationEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(evidence);
        if (trace.BrokerEndpoint is not { } e)
        {
            return [Steps.Missing(11, "GET of the broker's endpoint with the IdP's code", "the browser never came back to the broker")];
        }

        // Every journal that covers the exchange is read, and one exchange recorded by both the IdP
        // and the broker counts once; with none that covers it, the back channel is a skip.
        var mine = evidence.BackChannelSkip is null ? CodeExchanges.Find(evidence.BackChannel!, trace.IdpCode) : null;
        var idToken = mine?.Count > 0 ? IdToken(mine[^1].Record) : null;
        return
        [
            Steps.Observed(11, e, "GET of the broker's endpoint"),
            ExchangedOnce(mine, evidence),
            IdTokenValid(idToken, mine, trace, evidence),
            .. Admin(idToken, context, evidence),
        ];
    }

    private static Check ExchangedOnce(IReadOnlyList<CodeExchange>? mine, FederationEvidence evidence) =>
        mine is null
            ? Check.Skipped(11, "s11.code-exchange", "RFC 6749 §4.1.3", "exactly one back-channel code exchange at the IdP", evidence.BackChannelSkip!)
            : Check.That(11, "s11.code-exchange", "RFC 6749 §4.1.3, §10.5", "exactly one back-channel code exchange at the IdP", mine.Count == 1,
                "1 POST to the IdP token endpoint with step 10's code", $"{mine.Count}: {string.Join("; ", mine.Select(m => m.Describe()))}").WithExchanges([.. mine.SelectMany(m => m.Ids)]);

    private static Check IdTokenValid(DecodedJwt? idToken, IReadOnlyList<CodeExchange>? mine, LoginTrace trace, FederationEvidence evidence)
    {
        const string Id = "s11.idp-id-token";
        const string Title = "the IdP's id_token was valid (signature, iss, aud, nonce)";
        if (mine is null || mine.Count == 0)
        {
            return Check.Skipped(11, Id, "OIDC Core §3.1.3.7", Title, mine is null ? evidence.BackChannelSkip! : "no code exchange recorded");
        }

        var last = mine[^1].Record;
        if (idToken is null)
        {
            return Check.That(11, Id, "OIDC Core §3.1.3.3", Title, false, "an id_token in the IdP's token response", Steps.Excerpt(last.ResponseBody)).WithExchanges(last.Id);
        }

        var problems = new List<string>();
        var step5 = trace.IdpAuthorize?.Query ?? new Dictionary<string, string>();
        // OIDC Core §3.1.3.7 (6): any algorithm the IdP registered, with the key its kid names.
        if (evidence.IdpJwks is { } jwks && !jwks.Verifies(idToken, out var why))
        {
            problems.Add(why);
        }

        if (evidence.IdpIssuer is { } issuer && idToken.Claim("iss") != issuer)
        {
            problems.Add($"iss {idToken.Claim("iss")} ≠ {issuer}");
        }

        if (step5.GetValueOrDefault("client_id") is { } client && !idToken.Audiences.Contains(client))
        {
            problems.Add($"aud {string.Join(",", idToken.Audiences)} lacks {client}");
        }

        if (step5.GetValueOrDefault("nonce") is { } nonce && idToken.Claim("nonce") != nonce)
        {
            problems.Add($"nonce {idToken.Claim("nonce") ?? "missing"} ≠ step 5's {nonce}");
        }

        var checkedWhat = evidence.IdpJwks is null ? "iss, aud, nonce (IdP keys not readable: signature not checked)" : "signature, iss, aud, nonce";
        return Check.That(11, Id, "OIDC Core §3.1.3.7", Title, problems.Count == 0, checkedWhat + " valid", problems.Count == 0 ? "valid" : string.Join("; ", problems)).WithExchanges(last.Id);
    }

    private static IEnumerable<Check> Admin(DecodedJwt? idToken, WalkContext context, FederationEvidence evidence)
    {
        const string UserTitle = "a broker user exists for the IdP subject";
        const string LinkTitle = "the federated identity links the user to the IdP subject";
        if (evidence.AdminSkip is { } skip)
        {
            yield return Check.Skipped(11, "s11.user", "Keycloak admin API", UserTitle, skip);
            yield return Check.Skipped(11, "s11.federated-link", "Keycloak admin API", LinkTitle, skip);
            yield break;
        }

        // The user the broker logged in must be the one who typed the credentials, not one named by the IdP's opaque sub.
        var username = evidence.BrokerUser is { } found ? DecodedJwt.Text(found, "username") : null;
        var same = username is not null && Step16Principal.SameUser(username, evidence.LoginUsername, DecodedJwt.Text(evidence.BrokerUser!, "email"));
        yield return Check.That(11, "s11.user", "Keycloak identity brokering (first broker login)", UserTitle, same,
            $"user '{evidence.LoginUsername}' in realm {context.Broker.Realm}",
            evidence.BrokerUser is null ? "no such user" : $"user '{username ?? "(no username)"}' (id {evidence.BrokerUser["id"]})")
            .WithFix(same || evidence.BrokerUser is null ? "" : Step16Principal.Fix);
        var sub = idToken?.Claim("sub");
        var links = evidence.FederatedIdentities?.OfType<JsonObject>().ToList() ?? [];
        var link = links.FirstOrDefault(l => DecodedJwt.Text(l, "identityProvider") == context.IdpAlias);
        var ok = link is not null && (sub is null || DecodedJwt.Text(link, "userId") == sub) && !string.IsNullOrEmpty(DecodedJwt.Text(link, "userName"));
        yield return Check.That(11, "s11.federated-link", "Keycloak identity brokering (federated identity link)", LinkTitle, ok,
            $"{{identityProvider: {context.IdpAlias}, userId: {sub ?? "<IdP sub>"}, userName}}", links.Count == 0 ? "no federated identity" : string.Join("; ", links.Select(x => x.ToJsonString())));
    }

    private static DecodedJwt? IdToken(Exchange tokenCall)
    {
        try
        {
            var token = (JsonNode.Parse(tokenCall.ResponseBody ?? "") as JsonObject)?["id_token"]?.GetValue<string>();
            return DecodedJwt.TryDecode(token, out _);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
