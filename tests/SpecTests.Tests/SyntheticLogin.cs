using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// A recorded, conforming login (steps 1–16) built by hand, every part of it editable, so each
/// check can be fed a good exchange and a bad one. <see cref="Evaluate"/> runs the login checks
/// the engine runs on a real trace.
/// </summary>
public sealed class SyntheticLogin
{
    public const string Target = "http://target.test";
    public const string BrokerBase = "http://broker.test";
    public const string Realm = BrokerBase + "/realms/pbench-server";
    public const string Idp = "http://idp.test";
    public const string RedirectUri = Target + "/dashboard/callback";
    public const string Verifier = "verifier-0123456789-0123456789-0123456789-abc";
    public const string BrokerCallback = Realm + "/broker/mockidp/endpoint";

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public string Profile { get; set; } = "pbench";

    public string ConfigBody { get; set; } = $$$"""{"identification":"Pbench server 1","uri":{},"openid":{"server":"{{{BrokerBase}}}","realm":"pbench-server","client":"pbench-client"}}""";

    public Dictionary<string, string> AuthQuery { get; } = new()
    {
        ["client_id"] = "pbench-client", ["response_type"] = "code", ["redirect_uri"] = RedirectUri, ["scope"] = "openid profile email",
        ["state"] = "state-S", ["nonce"] = "nonce-N", ["code_challenge"] = Protocol.Pkce.S256(Verifier), ["code_challenge_method"] = "S256", ["response_mode"] = "query",
    };

    public Dictionary<string, string> IdpQuery { get; } = new()
    {
        ["client_id"] = "pbench-broker", ["response_type"] = "code", ["redirect_uri"] = BrokerCallback, ["scope"] = "openid", ["state"] = "broker-state.tab.pbench-client", ["nonce"] = "broker-nonce",
    };

    public Dictionary<string, string> IdpRedirectQuery { get; } = new() { ["code"] = "idp-code", ["state"] = "broker-state.tab.pbench-client", ["iss"] = Idp };

    public Dictionary<string, string> BrokerRedirectParameters { get; } = new() { ["code"] = "broker-code", ["state"] = "state-S", ["session_state"] = "sid-1", ["iss"] = Realm };

    public Dictionary<string, string> TokenForm { get; } = new()
    {
        ["grant_type"] = "authorization_code", ["code"] = "broker-code", ["client_id"] = "pbench-client", ["redirect_uri"] = RedirectUri, ["code_verifier"] = Verifier,
    };

    public JsonObject AccessClaims { get; } = new()
    {
        ["exp"] = Now.AddSeconds(300).ToUnixTimeSeconds(), ["iat"] = Now.ToUnixTimeSeconds(), ["jti"] = "j1", ["iss"] = Realm, ["aud"] = new JsonArray("pbench-server", "account"),
        ["sub"] = "u-1", ["typ"] = "Bearer", ["azp"] = "pbench-client", ["sid"] = "sid-1", ["preferred_username"] = "alice", ["scope"] = "openid profile email",
    };

    public JsonObject IdClaims { get; } = new()
    {
        ["exp"] = Now.AddSeconds(300).ToUnixTimeSeconds(), ["iat"] = Now.ToUnixTimeSeconds(), ["iss"] = Realm, ["aud"] = "pbench-client", ["sub"] = "u-1", ["nonce"] = "nonce-N", ["typ"] = "ID",
    };

    public JsonObject IdpIdClaims { get; } = new()
    {
        ["exp"] = Now.AddSeconds(300).ToUnixTimeSeconds(), ["iat"] = Now.ToUnixTimeSeconds(), ["iss"] = Idp, ["aud"] = "pbench-broker", ["sub"] = "idp-alice", ["nonce"] = "broker-nonce",
    };

    public Func<JsonObject, string> SignAccess { get; set; } = claims => SyntheticKeys.Sign(claims);

    public Func<JsonObject, string> SignId { get; set; } = claims => SyntheticKeys.Sign(claims);

    public DashboardProbe Probe { get; set; } = new() { Observed = "the dashboard did not use the forged code" };

    public Func<JsonObject, string> SignIdpId { get; set; } = claims => SyntheticKeys.Sign(claims, SyntheticKeys.Idp);

    public Func<JsonObject, JsonObject> TokenResponse { get; set; } = body => body;

    /// <summary>Edits of the finished exchanges, by role (config, auth, idp-authorize, idp-login, credentials, idp-redirect, broker-endpoint, dashboard, token).</summary>
    public Dictionary<string, Func<Exchange, Exchange?>> Edit { get; } = [];

    /// <summary>More browser exchanges (e.g. a later silent authorization request), placed by their ids.</summary>
    public List<Exchange> Extra { get; } = [];

    /// <summary>Code exchanges in the IdP's journal.</summary>
    public int BackChannelExchanges { get; set; } = 1;

    /// <summary>Code exchanges in the broker's back-channel record (MockBroker's <c>broker-back-channel</c>).</summary>
    public int BrokerBackChannelRecords { get; set; }

    /// <summary>False: no journal answered at all (a foreign broker, IdP and target).</summary>
    public bool JournalReachable { get; set; } = true;

    public JournalCoverage Coverage { get; set; } = new(Idp: true, Broker: false);

    public JsonObject? BrokerUser { get; set; } = new() { ["id"] = "u-1", ["username"] = "alice" };

    public JsonArray? Links { get; set; } = new(new JsonObject { ["identityProvider"] = "mockidp", ["userId"] = "idp-alice", ["userName"] = "alice" });

    public WalkContext Context { get; set; } = new()
    {
        TargetUrl = Target, Profile = "pbench", ConfigPath = "/api/v1/endpoints", Audience = "pbench-server",
        Broker = BrokerFacts.Conventional(Realm) with { DiscoveredIssuer = Realm, Jwks = SyntheticKeys.BrokerJwks, RealmPublicKey = SyntheticKeys.Broker.PublicKeyDerBase64 },
        IdpBrokerClientId = "pbench-broker",
        LoginUsername = "alice",
    };

    public string AccessToken => SignAccess(AccessClaims);

    public IReadOnlyList<Exchange> Exchanges() => SyntheticExchanges.Build(this);

    public LoginTrace Trace() => StepAssigner.Assign(Exchanges(), new StepAssignerOptions
    {
        ConfigEndpoint = Target + "/api/v1/endpoints", AuthorizationEndpoint = Context.Broker.AuthorizationEndpoint, TokenEndpoint = Context.Broker.TokenEndpoint,
    });

    public IReadOnlyList<Check> Evaluate()
    {
        var trace = Trace();
        var context = Context with { Profile = Profile };
        var checks = new List<Check>();
        checks.AddRange(Step01To02LoginConfig.Evaluate(trace, context, out var config));
        checks.AddRange(Step03To04AuthRequest.Evaluate(trace, context, config));
        checks.AddRange(Step05To10IdpLogin.Evaluate(trace, context));
        checks.AddRange(Step11Federation.Evaluate(trace, context, Federation()));
        checks.AddRange(Step12AuthResponse.Evaluate(trace, context));
        checks.AddRange(Step13To14Dashboard.Evaluate(trace, context));
        checks.Add(Step15StateProbe.Evaluate(Probe));
        checks.AddRange(Step15TokenRequest.Evaluate(trace, context, config));
        checks.AddRange(Step16TokenResponse.Evaluate(trace, context, config, out _));
        return checks;
    }

    public FederationEvidence Federation() => new()
    {
        BackChannel = JournalReachable ? [.. CodeExchangeRecords()] : null,
        Coverage = Coverage,
        IdpIssuer = Idp,
        IdpJwks = SyntheticKeys.IdpJwks,
        BrokerUser = BrokerUser,
        FederatedIdentities = Links,
        LoginUsername = "alice",
    };

    /// <summary>
    /// The journal records of the code exchanges: <see cref="BackChannelExchanges"/> as the IdP
    /// served them, <see cref="BrokerBackChannelRecords"/> as the broker recorded its calls (the
    /// i-th of each is one exchange: the IdP's record 5 ms after the broker's, 2 s between exchanges).
    /// </summary>
    public IEnumerable<Exchange> CodeExchangeRecords()
    {
        Exchange Record(int id, string? server, int i, int afterMs) => new()
        {
            Id = id, Source = "journal", Server = server, BackChannel = true, Method = "POST", Url = Idp + "/token", Time = Now.AddSeconds(2 * i).AddMilliseconds(afterMs),
            RequestBody = "grant_type=authorization_code&code=idp-code&redirect_uri=" + Uri.EscapeDataString(BrokerCallback),
            Status = 200, ResponseBody = new JsonObject { ["access_token"] = "opaque", ["token_type"] = "Bearer", ["id_token"] = SignIdpId(IdpIdClaims) }.ToJsonString(),
        };

        return Enumerable.Range(0, BackChannelExchanges).Select(i => Record(900 + i, "idp", i, 5))
            .Concat(Enumerable.Range(0, BrokerBackChannelRecords).Select(i => Record(950 + i, CodeExchanges.BrokerBackChannel, i, 0)));
    }
}
