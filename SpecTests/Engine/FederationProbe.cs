using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Gathers step 11's evidence: the back channel from the journal, the IdP's keys, the broker's admin API.</summary>
public sealed class FederationProbe(HarnessHttp http, BrokerFacts broker, SpecSettings settings, BrokerAdminCredentials brokerAdmin)
{
    private readonly BrokerAdminApi _admin = new(http, broker, brokerAdmin);

    public async Task<FederationEvidence> GatherAsync(LoginTrace trace, IReadOnlyList<Exchange>? backChannel, JournalCoverage coverage, string journalSkip, string? brokerUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var evidence = new FederationEvidence { BackChannel = backChannel, Coverage = coverage, JournalSkip = journalSkip, LoginUsername = settings.Users.Login.Username };
        if (backChannel is not null && trace.IdpAuthorize is { } idp)
        {
            var (issuer, jwks) = await BrokerDiscovery.ReadIssuerAsync(http, idp.Origin, cancellationToken);
            evidence = evidence with { IdpIssuer = issuer, IdpJwks = jwks };
        }

        return await AdminAsync(evidence, brokerUserId, cancellationToken);
    }

    /// <summary>
    /// The journal's back channel into the trace: the stand-ins' own calls (marked in their
    /// User-Agent) and, from the IdP's journal, the token requests carrying step 10's
    /// <paramref name="idpCode"/> whoever sent them (a foreign broker does not mark its calls).
    /// </summary>
    public static IReadOnlyList<Exchange> FromJournal(IEnumerable<JournalEntry> entries, TraceLog log, string? idpCode = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(log);
        return entries.Where(e => e.BackChannel || (idpCode is not null && e.Method == "POST" && Urls.ParseForm(e.RequestBody).GetValueOrDefault("code") == idpCode)).Select(e => log.Add(id => new Exchange
        {
            Id = id,
            Source = "journal",
            Time = e.Time,
            Method = e.Method,
            Url = e.Url,
            RequestHeaders = e.RequestHeaders,
            RequestBody = e.RequestBody,
            Status = e.Status,
            ResponseHeaders = e.ResponseHeaders,
            ResponseBody = e.ResponseBody,
            Server = e.Server,
            BackChannel = true,
        })).ToList();
    }

    /// <summary>
    /// Which journals cover step 11's back channel, judged by what they recorded of this login: the
    /// IdP's journal holds step 5's request; the broker's holds step 11's (and MockBroker journals
    /// its own calls beside what it serves).
    /// </summary>
    public static JournalCoverage Coverage(IReadOnlyList<JournalEntry> entries, LoginTrace trace)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(trace);
        return new JournalCoverage(Recorded(entries, trace.IdpAuthorize), Recorded(entries, trace.BrokerEndpoint));
    }

    // The same request as the server saw it: method, path and state (the server writes its own
    // view of the host, which a proxy or another loopback name may change).
    private static bool Recorded(IReadOnlyList<JournalEntry> entries, Exchange? request) =>
        request is not null && entries.Any(e => !e.BackChannel && e.Method == request.Method
            && string.Equals(Path(e.Url), request.Uri.AbsolutePath, StringComparison.Ordinal)
            && State(e.Method, e.Url, e.RequestBody) == request.Parameters.GetValueOrDefault("state"));

    private static string? Path(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : null;

    private static string? State(string method, string url, string? body) =>
        (method == "GET" ? Urls.QueryOf(url) : Urls.ParseForm(body)).GetValueOrDefault("state");

    /// <summary>The broker's client id at the IdP, from the broker's admin API (null when it cannot say).</summary>
    public Task<string?> IdpClientIdAsync(string alias, CancellationToken cancellationToken) => _admin.IdentityProviderClientIdAsync(alias, cancellationToken);

    private async Task<FederationEvidence> AdminAsync(FederationEvidence evidence, string? userId, CancellationToken cancellationToken)
    {
        if (await _admin.ProblemAsync(cancellationToken) is { } problem)
        {
            return evidence with { AdminSkip = problem };
        }

        var user = userId is null
            ? (await _admin.GetAsync($"/users?username={Uri.EscapeDataString(evidence.LoginUsername)}&exact=true", cancellationToken) as JsonArray)?.OfType<JsonObject>().FirstOrDefault()
            : await _admin.GetAsync($"/users/{Uri.EscapeDataString(userId)}", cancellationToken) as JsonObject;
        var links = user?["id"]?.GetValue<string>() is { } id ? await _admin.GetAsync($"/users/{Uri.EscapeDataString(id)}/federated-identity", cancellationToken) as JsonArray : null;
        return evidence with { BrokerUser = user, FederatedIdentities = links };
    }
}
