using System.Globalization;
using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Real tokens for what the forge cannot sign against a foreign broker: with
/// <c>--broker-admin-changes</c>, a short-lived token of a temporary client (the expired case) and
/// a token for the other user holding <c>ADMIN</c> of that client (step 19's admin-from-another-
/// client row), the client and role removed as soon as the tokens are issued; with
/// <c>--wait-for-expiry</c>, step 16's own token. The expired case waits past <c>exp</c> plus the
/// target's leeway, at most <see cref="MaxWait"/>.
/// </summary>
public sealed class RealTokenRecovery(RunParts parts, BrokerFacts broker, ProfileCatalogue catalogue, TokenProvider provider)
{
    /// <summary>The temporary client's access-token lifespan (Keycloak's minimum is 1 s).</summary>
    public const int LifespanSeconds = 2;

    /// <summary>The longest the run waits for a token to expire.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    private readonly List<RunChange> _changes = [];
    private DecodedJwt? _expiring;
    private string _expiringHow = "";
    private string? _expiringSkip;

    /// <summary>The other user's real token with ADMIN of another client, or null with <see cref="AdminSkip"/>.</summary>
    public string? AdminOfAnotherClient { get; private set; }

    public string? AdminSkip { get; private set; }

    /// <summary>What the run changed on the broker, each with whether it was undone.</summary>
    public IReadOnlyList<RunChange> Changes => _changes;

    /// <summary>Asks for the tokens (before step 19). <paramref name="step16"/> is the login's access token.</summary>
    public async Task PrepareAsync(string step16, string adminRowCheck, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step16);
        if (parts.AdminChanges is { } changes)
        {
            await ChangeBrokerAsync(changes, adminRowCheck, cancellationToken);
        }
        else if (parts.Settings.WaitForExpiry)
        {
            _expiring = DecodedJwt.TryDecode(step16, out _);
            _expiringHow = "step 16's own token";
        }
    }

    /// <summary>The expired case at every step-20 endpoint with the real token, after waiting past its exp; null when no real token was asked for.</summary>
    public async Task<IReadOnlyList<MatrixOutcome>?> ExpiredAsync(MatrixRunner matrix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        const string Rule = "RFC 7519 §4.1.4";
        if (_expiringSkip is { } skip)
        {
            return [new MatrixOutcome(MatrixCase.Skip("expired", "expired exp", Rule, skip), [])];
        }

        if (_expiring is not { } token || token.NumericClaim("exp") is not { } exp)
        {
            return _expiring is null ? null : [new MatrixOutcome(MatrixCase.Skip("expired", "expired exp", Rule, $"{_expiringHow} has no exp"), [])];
        }

        var leeway = catalogue.LeewaySeconds;
        var (wait, tooLong) = WaitPlan(exp, leeway, parts.Clock.GetUtcNow(), MaxWait, _expiringHow);
        if (tooLong is not null)
        {
            return [new MatrixOutcome(MatrixCase.Skip("expired", "expired exp", Rule, tooLong), [])];
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, parts.Clock, cancellationToken);
        }

        var title = $"expired exp ({_expiringHow}, presented past its exp plus the target's leeway of {leeway} s{(wait > TimeSpan.Zero ? $", after waiting {Seconds(wait)}" : "")})";
        return await matrix.SendToAllAsync(catalogue.Step20, new MatrixCase("expired", title, Rule, [new MatrixAttempt("Bearer", $"Bearer {token.Raw}")]) { BrokerToken = true });
    }

    /// <summary>
    /// How long to wait until a token is past <paramref name="exp"/> plus the target's leeway (one
    /// second more: exp has whole seconds), or, when that is longer than <paramref name="max"/>, why the run does not wait.
    /// </summary>
    public static (TimeSpan Wait, string? TooLong) WaitPlan(long exp, int leewaySeconds, DateTimeOffset now, TimeSpan max, string how)
    {
        var wait = DateTimeOffset.FromUnixTimeSeconds(exp + leewaySeconds + 1) - now;
        return wait > max
            ? (TimeSpan.Zero, $"{how} is past its exp plus the target's leeway ({leewaySeconds} s) only in {Seconds(wait)}, longer than the {Seconds(max)} the run waits at most: shorten the realm's access token lifespan, or use --broker-admin-changes")
            : (wait > TimeSpan.Zero ? wait : TimeSpan.Zero, null);
    }

    private async Task ChangeBrokerAsync(BrokerAdminChanges changes, string adminRowCheck, CancellationToken cancellationToken)
    {
        var other = parts.Settings.Users.Other;
        await using var guard = new KeyRestoreGuard(changes, TimeSpan.FromMilliseconds(parts.Settings.Timeouts.HttpMs));
        string? clientId = null;
        JsonObject? role = null;
        var client = BrokerAdminChanges.TemporaryClient;
        try
        {
            clientId = await changes.CreateClientAsync(catalogue.Audience, LifespanSeconds, cancellationToken);
            Change("s20.expired", $"client {client} created (public, direct access grants, access.token.lifespan {LifespanSeconds} s, audience {catalogue.Audience})", $"POST /admin/realms/{broker.Realm}/clients");
            var shortLived = await new TokenProvider(parts.Http, broker, client).PasswordGrantAsync(other, cancellationToken: cancellationToken);
            _expiring = shortLived.Tokens?.Access;
            _expiringHow = $"a real token of the temporary client {client}, {LifespanSeconds} s lifespan";
            _expiringSkip = _expiring is null ? $"no token of the temporary client {client}: {shortLived.Problem}" : null;
            role = await changes.GiveAdminRoleAsync(clientId, other.Username, cancellationToken);
            Change(adminRowCheck, $"role {BrokerAdminChanges.AdminRole} created under client {client} and given to user {other.Username}", $"POST /admin/realms/{broker.Realm}/clients/{clientId}/roles, POST …/users/…/role-mappings/clients/{clientId}");
            var admin = await provider.PasswordGrantAsync(other, cancellationToken: cancellationToken);
            AdminOfAnotherClient = admin.Tokens?.AccessToken;
            AdminSkip = AdminOfAnotherClient is null ? $"no token for '{other.Username}' after giving it {BrokerAdminChanges.AdminRole} of {client}: {admin.Problem}" : null;
            await changes.UndoClientAsync(clientId, other.Username, role, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            var problem = $"--broker-admin-changes could not change the broker: {e.Message}";
            _expiringSkip ??= _expiring is null ? problem : null;
            AdminSkip ??= AdminOfAnotherClient is null ? problem : null;
        }

        // Whatever the path: the guard removes the temporary client if it is still there.
        var restore = await guard.RestoreAsync();
        for (var i = 0; i < _changes.Count; i++)
        {
            _changes[i] = _changes[i] with { Restored = restore is null, Restore = restore };
        }
    }

    private void Change(string check, string what, string request) =>
        _changes.Add(new RunChange { System = "broker", Check = check, What = what, Request = request });

    private static string Seconds(TimeSpan t) => $"{Math.Ceiling(t.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";
}
