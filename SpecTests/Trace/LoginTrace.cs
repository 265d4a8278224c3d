namespace PbenchAuthSpec.SpecTests.Trace;

/// <summary>
/// The browser's exchanges of one login, with the ones that play the diagram's numbered steps
/// 1–16 picked out. A request/response pair plays two steps (1/2, 3/4, 5/6, 7/8, 13/14, 15/16);
/// step 9 may take several requests (credentials, then consent), the last of which gets step 10's
/// redirect; the broker may take hops of its own between 11 and 12. Everything else is unnumbered.
/// </summary>
public sealed record LoginTrace
{
    public IReadOnlyList<Exchange> All { get; init; } = [];

    public Exchange? Config { get; init; }

    public Exchange? AuthRequest { get; init; }

    /// <summary>The dashboard's silent <c>prompt=none</c> authorization requests (keycloak-js's check-sso): unnumbered hops.</summary>
    public IReadOnlyList<Exchange> SilentAuthRequests { get; init; } = [];

    public Exchange? IdpAuthorize { get; init; }

    public Exchange? IdpLoginPage { get; init; }

    public IReadOnlyList<Exchange> Credentials { get; init; } = [];

    public Exchange? IdpRedirect { get; init; }

    public Exchange? BrokerEndpoint { get; init; }

    public Exchange? BrokerRedirect { get; init; }

    public Exchange? DashboardLoad { get; init; }

    public Exchange? TokenRequest { get; init; }

    /// <summary>
    /// The authorization request whose code the token request redeems (code → response → request):
    /// step 3's, or a later one, such as a silent <c>prompt=none</c> request, when the dashboard
    /// abandoned step 3's response. Steps 12, 15 and 16 compare with this request.
    /// </summary>
    public Exchange? CompletingAuthRequest { get; init; }

    /// <summary>Authorization responses whose code the token request did not redeem, each with the request it answers.</summary>
    public IReadOnlyList<AuthorizationResponse> AbandonedResponses { get; init; } = [];

    /// <summary>The code step 10 gave the broker (what the broker redeems at the IdP in step 11).</summary>
    public string? IdpCode => IdpRedirect?.Location is { } location ? Urls.QueryOf(location).GetValueOrDefault("code") : null;

    /// <summary>The request-side and response-side step numbers an exchange plays (null: unnumbered).</summary>
    public (int? Request, int? Response) StepsOf(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var id = exchange.Id;
        return id switch
        {
            _ when id == Config?.Id => (1, 2),
            _ when id == AuthRequest?.Id => (3, 4),
            _ when id == IdpAuthorize?.Id => (5, 6),
            _ when id == IdpLoginPage?.Id => (7, 8),
            _ when id == IdpRedirect?.Id => (9, 10),
            _ when Credentials.Any(c => c.Id == id) => (9, null),
            _ when id == BrokerEndpoint?.Id => (11, BrokerRedirect?.Id == id ? 12 : null),
            _ when id == BrokerRedirect?.Id => (null, 12),
            _ when id == DashboardLoad?.Id => (13, 14),
            _ when id == TokenRequest?.Id => (15, 16),
            _ => (null, null),
        };
    }
}
