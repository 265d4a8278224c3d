using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.SpecTests.Tokens;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Steps 17–20 from the browser page on the target's origin with the token of step 16, then the
/// other users' rows, the invalid-token matrix, refresh and logout, and the broker set-up check;
/// last of all (<see cref="RotationControlAsync"/>), after everything else that uses broker
/// tokens, the rotated-key control, which changes the broker for its duration.
/// </summary>
/// <param name="dashboardLoggedIn">The dashboard showed the user logged in (it holds a token, so its own calls and its API panel can play step 17).</param>
public sealed class ServerPhase(RunParts parts, ProfileCatalogue catalogue, WalkContext context, IPage page, NetworkRecorder recorder, bool dashboardLoggedIn)
{
    private const string OtherClient = "admin-cli";

    private readonly Dictionary<int, (int?, int?)> _steps = [];
    private readonly List<RunChange> _changes = [];
    private MatrixRunner? _matrix;
    private Step17TokenCheck _cascade = new([]);
    private string? _kid;

    public IReadOnlyDictionary<int, (int? Request, int? Response)> ProbeSteps => _steps;

    /// <summary>What the forbidden matrix and the rotation control changed.</summary>
    public IReadOnlyList<RunChange> Changes => _changes;

    public async Task<IReadOnlyList<Check>> RunAsync(TokenSet tokens, IReadOnlyList<Check> step16, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var s = parts.Settings;
        var users = new UserTokens();
        users.Set("login", tokens.AccessToken!);
        var provider = new TokenProvider(parts.Http, context.Broker, tokens.Access?.Claim("azp") ?? "pbench-client");
        var admin = await GrantAsync(provider, users, "admin", s.Users.Admin, cancellationToken);
        var other = await GrantAsync(provider, users, "other", s.Users.Other, cancellationToken);
        var forge = new TokenForge(await ForgeInputsAsync(tokens, provider, cancellationToken));
        var caller = new RestrictedCaller(page, parts.Fetch, context.TargetUrl, users, RestrictedCaller.Variables(catalogue, s));
        // The set-up findings come first: an issuer mismatch or a refused password grant explains later outcomes.
        var setupChecks = SetupChecks.Evaluate(new SetupEvidence
        {
            Broker = context.Broker, Profile = context.Profile, Audience = context.Audience, ClientId = provider.ClientId,
            AdminToken = admin.Tokens?.Access, AdminUsername = s.Users.Admin.Username, PasswordGrantProblem = admin.Problem ?? other.Problem,
        }).ToList();
        var cascade = new Step17TokenCheck(step16, setupChecks);
        foreach (var setup in catalogue.Setup)
        {
            await caller.CallAsync(setup);
        }

        // Real tokens for what the forge cannot sign (a foreign broker): --broker-admin-changes, --wait-for-expiry.
        var recovery = new RealTokenRecovery(parts, context.Broker, catalogue, provider);
        if (parts.Keys?.Active is null)
        {
            await recovery.PrepareAsync(tokens.AccessToken!, AdminRowCheck(), cancellationToken);
        }

        _changes.AddRange(recovery.Changes);
        var (step17Call, byHarness, step18) = await Step18Async(caller);
        var step19 = await Step19Async(caller, forge, users, recovery);
        var fresh = async () => (await provider.PasswordGrantAsync(s.Users.Other, cancellationToken: cancellationToken)).Tokens?.AccessToken;
        _matrix = new MatrixRunner(caller, forge, parts.Keys, fresh);
        _cascade = cascade;
        _kid = tokens.Access?.Kid;
        var matrix = await _matrix.RunAsync(catalogue.Step20);
        var lifecycle = await new LifecycleRunner(parts.Http, context.Broker, provider.ClientId).RunAsync(tokens, access => RefreshedCallAsync(access), cancellationToken);
        // After the rest of the matrix and the lifecycle, so that most of the wait for exp has passed.
        if (await recovery.ExpiredAsync(_matrix, cancellationToken) is { } expired)
        {
            matrix = [.. matrix.Where(m => m.Case.Id != "expired"), .. expired];
        }

        Tag(matrix.SelectMany(m => m.Attempts), 20);
        foreach (var cleanup in catalogue.Cleanup)
        {
            await caller.CallAsync(cleanup);
        }

        var dashboardTraffic = parts.Log.Snapshot("browser");
        return
        [
            .. Step17BearerCall.Evaluate(step17Call, tokens.AccessToken, dashboardTraffic, context, byHarness: byHarness),
            .. Step18To19ServerAnswers.Step18(step18, cascade),
            .. Step18To19ServerAnswers.Step19(step19, cascade, context.Profile),
            .. Step20Matrix.Evaluate(matrix, cascade),
            .. Step16Lifecycle.Evaluate(lifecycle, cascade),
            .. setupChecks,
            .. cascade.Findings(),
        ];
    }

    /// <summary>The rotated-key control (after <see cref="RunAsync"/> and every other use of broker tokens), the broker's key restored after it.</summary>
    public async Task<IReadOnlyList<Check>> RotationControlAsync(CancellationToken cancellationToken)
    {
        if (_matrix is null)
        {
            return [];
        }

        var (outcomes, change) = await _matrix.RotationControlAsync(catalogue.Step20, parts.RotationSkip, _kid, TimeSpan.FromMilliseconds(parts.Settings.Timeouts.HttpMs), cancellationToken);
        Tag(outcomes.SelectMany(m => m.Attempts), 20);
        if (change is not null)
        {
            _changes.Add(change);
        }

        return [.. Step20Matrix.Evaluate(outcomes, _cascade)];
    }

    // Step 17 is the dashboard's own call when it makes one (its status judged by the catalogue's
    // rule for that endpoint), else its API panel's for the first login row, else the harness's.
    private async Task<(Exchange? Step17, bool ByHarness, List<CallOutcome> Step18)> Step18Async(RestrictedCaller caller)
    {
        var s = parts.Settings;
        var outcomes = new List<CallOutcome>();
        var dashboard = !s.ProtocolModeOn && dashboardLoggedIn;
        var own = !dashboard ? null : await new DashboardCall(page, s.DashboardPage!, recorder, parts.Log, context.TargetUrl, s.Timeouts.ActionMs).FindAsync();
        var step17 = own;
        var judged = own is null ? null : RuleFor(own);
        if (own is not null)
        {
            outcomes.Add(RestrictedCaller.Outcome(judged!, $"{own.Method} {own.PathAndQuery} (the dashboard's own call)", own, brokerToken: true));
        }

        var byHarness = false;
        foreach (var call in catalogue.Step18.Where(c => !ReferenceEquals(c, judged)))
        {
            var viaDashboard = step17 is null && call.User == "login" && dashboard && s.DashboardPage!.HasApiPanel && call.Setup.Count == 0 && !call.Path.Contains('{', StringComparison.Ordinal)
                ? await new DashboardApi(page, s.DashboardPage, recorder, parts.Log, context.TargetUrl, s.Timeouts.ActionMs).CallAsync(call, call.Path, call.Body?.ToJsonString())
                : null;
            var outcome = viaDashboard?.Outcome ?? await caller.CallAsync(call);
            if (step17 is null && call.User == "login" && outcome.ExchangeId is { } id)
            {
                step17 = viaDashboard?.Sent ?? parts.Log.Snapshot().FirstOrDefault(e => e.Id == id);
                byHarness = viaDashboard is null;
            }

            outcomes.Add(outcome);
        }

        Tag(outcomes, 18);
        return (step17, byHarness, outcomes);
    }

    // The catalogue's step-18 row for the endpoint the dashboard called (same method and path, the
    // row's query a subset of the call's); a call the catalogue does not list must get 200.
    private CatalogueCall RuleFor(Exchange own) =>
        catalogue.Step18.FirstOrDefault(c => c.User == "login" && c.Setup.Count == 0 && CatalogueMatch.Matches(c, own.Method, own.PathAndQuery))
        ?? new CatalogueCall { Method = own.Method, Path = own.PathAndQuery, User = "login", Expect = 200, Rule = "the dashboard's own call (an endpoint the catalogue does not list)" };

    // The id of step 19's first admin-from-another-client row (after the catalogue's own rows).
    private string AdminRowCheck() => $"s19.{catalogue.Step19.Count + 1}";

    private async Task<List<CallOutcome>> Step19Async(RestrictedCaller caller, TokenForge forge, UserTokens users, RealTokenRecovery recovery)
    {
        var outcomes = new List<CallOutcome>();
        foreach (var call in catalogue.Step19)
        {
            outcomes.Add(await caller.CallAsync(call));
        }

        foreach (var call in catalogue.Step19.Where(c => c.ForgeAdminRole))
        {
            // The row's own non-admin user, with ADMIN under another client's roles (signed with the broker's key).
            var row = Step18To19ServerAnswers.ForgedAdminRow(call);
            var userToken = DecodedJwt.TryDecode(users.Token(call.User), out _);
            var forged = userToken is null ? null : forge.AdminRoleOfAnotherClient(userToken);
            if (forged is null && userToken is not null && (recovery.AdminOfAnotherClient is not null || recovery.AdminSkip is not null))
            {
                outcomes.Add(await RealAdminRowAsync(caller, row, recovery));
                continue;
            }

            outcomes.Add(forged is null
                ? new CallOutcome { Call = row, Label = row.Describe(), MissingUser = userToken is null ? call.User : null, Skip = userToken is null ? users.WhyMissing(call.User) : "the broker's private key is unknown (a foreign broker): the forged token cannot be signed" }
                : await caller.CallAsync(row with { Setup = [], Cleanup = [] }, new MatrixAttemptOverride($"{call.User} with ADMIN of another client", $"Bearer {forged}", null, false)));
        }

        Tag(outcomes, 19);
        var (followed, changes) = DataChanges.Follow(outcomes, "s19.");
        _changes.AddRange(changes);
        return [.. followed];
    }

    // --broker-admin-changes: the other user's real token with ADMIN of a temporary client (not the audience's).
    private static async Task<CallOutcome> RealAdminRowAsync(RestrictedCaller caller, CatalogueCall row, RealTokenRecovery recovery)
    {
        var other = row with
        {
            Rule = $"{row.Rule} (a real token for the other user, given {BrokerAdminChanges.AdminRole} of the temporary client {BrokerAdminChanges.TemporaryClient} through the broker's admin API)",
            User = "other",
            Setup = [],
            Cleanup = [],
        };
        return recovery.AdminOfAnotherClient is { } token
            ? await caller.CallAsync(other, new MatrixAttemptOverride($"other with {BrokerAdminChanges.AdminRole} of {BrokerAdminChanges.TemporaryClient}", $"Bearer {token}", null, true))
            : new CallOutcome { Call = other, Label = other.Describe(), Skip = recovery.AdminSkip };
    }

    private async Task<CallOutcome> RefreshedCallAsync(string accessToken)
    {
        var users = new UserTokens();
        users.Set("login", accessToken);
        var call = LifecycleRunner.FirstLoginCall(catalogue);
        var caller = new RestrictedCaller(page, parts.Fetch, context.TargetUrl, users, RestrictedCaller.Variables(catalogue, parts.Settings));
        var outcome = await caller.CallAsync(call);
        Tag([outcome], 18);
        return outcome with { Label = outcome.Label + " (refreshed token)" };
    }

    private static async Task<(TokenSet? Tokens, string? Problem)> GrantAsync(TokenProvider provider, UserTokens users, string role, UserCredential user, CancellationToken cancellationToken)
    {
        var result = await provider.PasswordGrantAsync(user, cancellationToken: cancellationToken);
        if (result.Tokens?.AccessToken is { } token)
        {
            users.Set(role, token);
        }
        else
        {
            users.Missing(role, $"no token for '{role}': {result.Problem}");
        }

        return result;
    }

    private async Task<ForgeInputs> ForgeInputsAsync(TokenSet tokens, TokenProvider provider, CancellationToken cancellationToken)
    {
        var s = parts.Settings;
        var otherRealm = s.Users.OtherRealm is { } realm ? await provider.PasswordGrantAsync(s.Users.OtherRealmUser, realm, cancellationToken) : (null, null);
        // Every Keycloak realm has the public client admin-cli: the other user's token from it lacks
        // the target's audience, which the matrix needs when it cannot sign one (a foreign broker).
        var otherClient = parts.Keys?.Active is null ? await new TokenProvider(parts.Http, context.Broker, OtherClient).PasswordGrantAsync(s.Users.Other, cancellationToken: cancellationToken) : (null, null);
        return new ForgeInputs
        {
            AccessToken = tokens.Access!,
            IdToken = tokens.IdToken,
            RefreshToken = tokens.RefreshToken,
            Issuer = context.Broker.RealmUrl,
            Audience = context.Audience,
            BrokerKey = parts.Keys?.Active,
            Jwks = context.Broker.Jwks,
            RealmPublicKey = context.Broker.RealmPublicKey,
            OtherRealmToken = otherRealm.Item1?.AccessToken,
            OtherClientToken = otherClient.Item1?.AccessToken,
            OtherClientSkip = $"no token of another client: {otherClient.Item2} (enable direct access grants on the realm's {OtherClient} client for the other user)",
            OtherRealmSkip = s.Users.OtherRealm is null ? "no other realm is configured (PBENCH_AUTH_SPEC_OTHER_REALM)" : $"no token of realm {s.Users.OtherRealm}: {otherRealm.Item2}",
            Now = parts.Clock.GetUtcNow(),
        };
    }

    private void Tag(IEnumerable<CallOutcome> outcomes, int responseStep)
    {
        foreach (var id in outcomes.Select(o => o.ExchangeId).OfType<int>())
        {
            _steps[id] = (17, responseStep);
        }
    }
}
