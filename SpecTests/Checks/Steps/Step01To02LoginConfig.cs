using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 1 and 2: the browser asks the target for its login configuration.</summary>
public static class Step01To02LoginConfig
{
    private const string Diagram1 = "Diagram step 1";
    private const string Diagram2 = "Diagram step 2";

    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context, out ClientConfig? config)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        config = null;
        var e = trace.Config;
        if (e is null)
        {
            return [Steps.Missing(1, $"GET {context.ConfigEndpoint}", "the browser never asked the target for its login configuration"),
                Steps.Missing(2, "a 200 JSON login configuration", "no response: step 1 not observed")];
        }

        config = e.Status == 200 ? ClientConfig.Parse(e.ResponseBody, context.Profile) : null;
        return [.. Step1(e), .. Step2(e, context, config)];
    }

    private static IEnumerable<Check> Step1(Exchange e)
    {
        yield return Steps.Observed(1, e, "GET of the login configuration");
        // Step 1: the configuration needs no credentials, so the dashboard sends none.
        yield return Check.That(1, "s1.no-credentials", Diagram1, "asked without credentials",
            e.RequestHeader("Authorization") is null, "no Authorization header", e.RequestHeader("Authorization") is { } a ? $"Authorization: {Steps.Excerpt(a, 20)}" : "none").WithExchanges(e.Id);
    }

    private static IEnumerable<Check> Step2(Exchange e, WalkContext context, ClientConfig? config)
    {
        yield return Check.That(2, "s2.status", Diagram2, "200 response", e.Status == 200, "200", Steps.StatusText(e)).WithExchanges(e.Id);
        if (config is null)
        {
            yield break;
        }

        yield return Check.That(2, "s2.json", "RFC 8259", "JSON object body", config.ParseProblem is null,
            "a JSON object", config.ParseProblem ?? $"Content-Type {e.ResponseHeader("Content-Type") ?? "(none)"}").WithExchanges(e.Id);
        if (config.ParseProblem is not null)
        {
            yield break;
        }

        foreach (var check in context.Profile == "diagram" ? DiagramKeys(config, context) : PbenchKeys(config, context))
        {
            yield return check.WithExchanges(e.Id);
        }

        // RFC 6749 §2.1, §10.1: a browser app is a public client; a secret sent to every browser is not secret.
        yield return Check.That(2, "s2.no-secret", "RFC 6749 §2.1, §10.1", "no client secret served to the browser", config.Secrets.Count == 0,
            "no *secret* key", $"served: {string.Join(", ", config.Secrets)}", Verdict.Warn)
            .WithFix("make the client public in the broker and stop serving its secret from the configuration endpoint").WithExchanges(e.Id);
    }

    // The real Pbench server: openid.server, openid.realm and openid.client, all non-empty.
    private static IEnumerable<Check> PbenchKeys(ClientConfig c, WalkContext context)
    {
        var missing = new[] { ("server", c.Server), ("realm", c.Realm), ("client", c.ClientId) }.Where(k => string.IsNullOrEmpty(k.Item2)).Select(k => "openid." + k.Item1).ToList();
        yield return Check.That(2, "s2.openid-keys", "Pbench server GET /api/v1/endpoints", "openid.server, openid.realm and openid.client are non-empty", missing.Count == 0,
            "all three present", missing.Count == 0 ? $"server {c.Server}, realm {c.Realm}, client {c.ClientId}" : $"missing or empty: {string.Join(", ", missing)}");
        if (c.AuthUri is not null)
        {
            yield return AuthUriNamesBroker(c.AuthUri, context);
        }
    }

    private static IEnumerable<Check> DiagramKeys(ClientConfig c, WalkContext context)
    {
        var absolute = Uri.TryCreate(c.AuthUri, UriKind.Absolute, out _);
        yield return Check.That(2, "s2.auth-uri", Diagram2, "identity_broker_auth_uri is an absolute URL", absolute,
            "identity_broker_auth_uri: <auth_URI>", c.AuthUri ?? "missing");
        yield return Check.That(2, "s2.client-id", Diagram2, "client_id is present", !string.IsNullOrEmpty(c.ClientId), "client_id: <pbench_client_id>", c.ClientId ?? "missing");
        if (absolute)
        {
            yield return AuthUriNamesBroker(c.AuthUri!, context);
        }
    }

    // The dashboard must be sent to the broker the target trusts, or its tokens will not be accepted.
    private static Check AuthUriNamesBroker(string authUri, WalkContext context) =>
        Check.That(2, "s2.auth-uri-broker", Diagram2, "the auth URI is the authorization endpoint of the broker the target trusts",
            string.Equals(authUri.TrimEnd('/'), context.Broker.AuthorizationEndpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase),
            context.Broker.AuthorizationEndpoint, authUri)
            .WithFix(BrokerSides.AuthUriFix(authUri, context.Broker));
}
