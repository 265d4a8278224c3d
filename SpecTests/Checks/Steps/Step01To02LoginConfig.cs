using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 1 and 2: the browser asks the target for its login configuration.</summary>
public static class Step01To02LoginConfig
{
    internal static readonly CheckRule NoCredentials = new("s1.no-credentials", "Diagram step 1", "asked without credentials")
    {
        Expected = "no Authorization header",
    };
    internal static readonly CheckRule Status = new("s2.status", "Diagram step 2", "200 response") { Expected = "200" };
    internal static readonly CheckRule AuthUri = new("s2.auth-uri", "Diagram step 2", "identity_broker_auth_uri is an absolute URL")
    {
        Expected = "identity_broker_auth_uri: <auth_URI>",
    };
    internal static readonly CheckRule ClientId = new("s2.client-id", "Diagram step 2", "client_id is present")
    {
        Expected = "client_id: <pbench_client_id>",
    };
    internal static readonly CheckRule AuthUriBroker = new(
        "s2.auth-uri-broker", "Diagram step 2", "the auth URI is the authorization endpoint of the broker the target trusts")
    {
        Expected = "the broker's authorization endpoint",
    };
    internal static readonly CheckRule Json = new("s2.json", "RFC 8259", "JSON object body") { Expected = "a JSON object" };
    internal static readonly CheckRule NoSecret = new("s2.no-secret", "RFC 6749 §2.1, §10.1", "no client secret served to the browser")
    {
        Expected = "no *secret* key",
        Otherwise = Verdict.Warn,
    };
    internal static readonly CheckRule OpenidKeys = new(
        "s2.openid-keys", "Pbench server GET /api/v1/endpoints", "openid.server, openid.realm and openid.client are non-empty")
    {
        Expected = "all three present",
    };

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
        yield return NoCredentials.Judge(e.RequestHeader("Authorization") is null,
            e.RequestHeader("Authorization") is { } a ? $"Authorization: {Steps.Excerpt(a, 20)}" : "none").WithExchanges(e.Id);
    }

    private static IEnumerable<Check> Step2(Exchange e, WalkContext context, ClientConfig? config)
    {
        yield return Status.Judge(e.Status == 200, Steps.StatusText(e)).WithExchanges(e.Id);
        if (config is null)
        {
            yield break;
        }

        yield return Json.Judge(config.ParseProblem is null,
            config.ParseProblem ?? $"Content-Type {e.ResponseHeader("Content-Type") ?? "(none)"}").WithExchanges(e.Id);
        if (config.ParseProblem is not null)
        {
            yield break;
        }

        foreach (var check in context.Profile == "diagram" ? DiagramKeys(config, context) : PbenchKeys(config, context))
        {
            yield return check.WithExchanges(e.Id);
        }

        // RFC 6749 §2.1, §10.1: a browser app is a public client; a secret sent to every browser is not secret.
        yield return NoSecret.Judge(config.Secrets.Count == 0, $"served: {string.Join(", ", config.Secrets)}")
            .WithFix("make the client public in the broker and stop serving its secret from the configuration endpoint").WithExchanges(e.Id);
    }

    // The real Pbench server: openid.server, openid.realm and openid.client, all non-empty.
    private static IEnumerable<Check> PbenchKeys(ClientConfig c, WalkContext context)
    {
        var missing = new[] { ("server", c.Server), ("realm", c.Realm), ("client", c.ClientId) }.Where(k => string.IsNullOrEmpty(k.Item2)).Select(k => "openid." + k.Item1).ToList();
        yield return OpenidKeys.Judge(missing.Count == 0,
            missing.Count == 0 ? $"server {c.Server}, realm {c.Realm}, client {c.ClientId}" : $"missing or empty: {string.Join(", ", missing)}");
        if (c.AuthUri is not null)
        {
            yield return AuthUriNamesBroker(c.AuthUri, context);
        }
    }

    private static IEnumerable<Check> DiagramKeys(ClientConfig c, WalkContext context)
    {
        var absolute = Uri.TryCreate(c.AuthUri, UriKind.Absolute, out _);
        yield return AuthUri.Judge(absolute, c.AuthUri ?? "missing");
        yield return ClientId.Judge(!string.IsNullOrEmpty(c.ClientId), c.ClientId ?? "missing");
        if (absolute)
        {
            yield return AuthUriNamesBroker(c.AuthUri!, context);
        }
    }

    // The dashboard must be sent to the broker the target trusts, or its tokens will not be accepted.
    private static Check AuthUriNamesBroker(string authUri, WalkContext context) =>
        AuthUriBroker.Judge(
            string.Equals(authUri.TrimEnd('/'), context.Broker.AuthorizationEndpoint.TrimEnd('/'), StringComparison.OrdinalIgnoreCase),
            authUri,
            expected: context.Broker.AuthorizationEndpoint)
            .WithFix(BrokerSides.AuthUriFix(authUri, context.Broker));
}
