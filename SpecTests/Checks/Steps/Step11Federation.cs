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
    internal static readonly CheckRule IdpIdToken = new(
        "s11.idp-id-token", "OIDC Core §3.1.3.3, §3.1.3.7", "the IdP's id_token was valid (signature, iss, aud, nonce)")
    {
        Expected = "an id_token in the IdP's token response, valid",
    };
    internal static readonly CheckRule CodeExchange = new(
        "s11.code-exchange", "RFC 6749 §4.1.3, §10.5", "exactly one back-channel code exchange at the IdP")
    {
        Expected = "1 POST to the IdP token endpoint with step 10's code",
    };
    internal static readonly CheckRule User = new(
        "s11.user", "Keycloak identity brokering (first broker login)", "a broker user exists for the IdP subject")
    {
        Expected = "the user who logged in, in the broker's realm",
    };
    internal static readonly CheckRule FederatedLink = new(
        "s11.federated-link", "Keycloak identity brokering (federated identity link)", "the federated identity links the user to the IdP subject")
    {
        Expected = "{identityProvider: {idp alias}, userId: {IdP sub}, userName}",
    };

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
            ? CodeExchange.Skip(evidence.BackChannelSkip)
            : CodeExchange.Judge(mine.Count == 1,
                $"{mine.Count}: {string.Join("; ", mine.Select(m => m.Describe()))}").WithExchanges([.. mine.SelectMany(m => m.Ids)]);

    private static Check IdTokenValid(DecodedJwt? idToken, IReadOnlyList<CodeExchange>? mine, LoginTrace trace, FederationEvidence evidence)
    {
        if (mine is null || mine.Count == 0)
        {
            return IdpIdToken.Skip(mine is null ? evidence.BackChannelSkip : "no code exchange recorded");
        }

        var last = mine[^1].Record;
        if (idToken is null)
        {
            return IdpIdToken.Judge(false,
                Steps.Excerpt(last.ResponseBody),
                expected: "an id_token in the IdP's token response").WithExchanges(last.Id);
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
        return IdpIdToken.Judge(problems.Count == 0,
            problems.Count == 0 ? "valid" : string.Join("; ", problems),
            expected: checkedWhat + " valid").WithExchanges(last.Id);
    }

    private static IEnumerable<Check> Admin(DecodedJwt? idToken, WalkContext context, FederationEvidence evidence)
    {
        if (evidence.AdminSkip is { } skip)
        {
            yield return User.Skip(skip);
            yield return FederatedLink.Skip(skip);
            yield break;
        }

        // The user the broker logged in must be the one who typed the credentials, not one named by the IdP's opaque sub.
        var username = evidence.BrokerUser is { } found ? DecodedJwt.Text(found, "username") : null;
        var same = username is not null && Step16Principal.SameUser(username, evidence.LoginUsername, DecodedJwt.Text(evidence.BrokerUser!, "email"));
        yield return User.Judge(same,
            evidence.BrokerUser is null ? "no such user" : $"user '{username ?? "(no username)"}' (id {evidence.BrokerUser["id"]})",
            expected: $"user '{evidence.LoginUsername}' in realm {context.Broker.Realm}")
            .WithFix(same || evidence.BrokerUser is null ? "" : Step16Principal.Fix);
        var sub = idToken?.Claim("sub");
        var links = evidence.FederatedIdentities?.OfType<JsonObject>().ToList() ?? [];
        var link = links.FirstOrDefault(l => DecodedJwt.Text(l, "identityProvider") == context.IdpAlias);
        var ok = link is not null && (sub is null || DecodedJwt.Text(link, "userId") == sub) && !string.IsNullOrEmpty(DecodedJwt.Text(link, "userName"));
        yield return FederatedLink.Judge(ok,
            links.Count == 0 ? "no federated identity" : string.Join("; ", links.Select(x => x.ToJsonString())),
            expected: $"{{identityProvider: {context.IdpAlias}, userId: {sub ?? "<IdP sub>"}, userName}}");
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
