namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Causes, not their cascade, for the calls of steps 17–20. When step 16 found the broker's access
/// token defective (bad signature, issuer, audience...), a conforming target refuses it: the 401
/// is step 16's finding, not the target's. When the target answers 503 because it cannot check
/// tokens (it does not reach the broker's keys, or the broker announces another issuer than the
/// one it trusts), every call with a token gets that 503: one finding, either the set-up issuer
/// check that explains it or <see cref="TokenCheckId"/>. A call not made because the password
/// grant gave no token for its user points at that set-up finding. Each consequence becomes a skip
/// that names its cause.
/// </summary>
public sealed class Step17TokenCheck(IReadOnlyList<Check> step16, IReadOnlyList<Check>? setup = null)
{
    internal static readonly CheckRule TokenCheck = new(
        "s17.token-check", "RFC 6750 §3.1", "the target can check bearer tokens (it reaches the broker's keys)")
    {
        Expected = "200, 401 or 403 for calls with a token, not 503",
    };

    /// <summary>The finding "the target cannot check bearer tokens" when nothing earlier explains its 503s.</summary>
    public const string TokenCheckId = "s17.token-check";

    private readonly List<Check> _defects = step16.Where(c => c.Verdict == Verdict.Fail && Step16Tokens.TokenDefects.Contains(c.Id)).ToList();
    private readonly Check? _issuer = setup?.FirstOrDefault(c => c.Id == SetupChecks.IssuerId && c.Verdict == Verdict.Fail);
    private readonly Check? _grant = setup?.FirstOrDefault(c => c.Id == SetupChecks.PasswordGrantId && c.Verdict == Verdict.Fail);
    private readonly List<CallOutcome> _unavailable = [];

    public bool Active => _defects.Count > 0;

    public Check Apply(Check check, CallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(outcome);
        if (check.Verdict == Verdict.Skip)
        {
            return Explain(check, outcome);
        }

        if (check.Verdict != Verdict.Fail)
        {
            return check;
        }

        if (outcome.Status == 503)
        {
            if (!_unavailable.Contains(outcome))
            {
                _unavailable.Add(outcome);
            }

            return check.ExplainedBy(Unavailable);
        }

        return Active && outcome.Status == 401 && outcome.BrokerToken ? check.ExplainedBy(Defective) : check;
    }

    /// <summary>The one finding the target's 503s stand for, when no earlier check already names their cause (enumerate after every <see cref="Apply"/>).</summary>
    public IEnumerable<Check> Findings()
    {
        if (_unavailable.Count == 0 || _issuer is not null)
        {
            yield break;
        }

        var first = _unavailable[0];
        yield return TokenCheck.Judge(false, $"503 for {_unavailable.Count} call(s) with a token, e.g. {first.Label}: {first.Body}")
            .WithExchanges([.. _unavailable.Take(5).Select(u => u.ExchangeId)])
            .WithFix("let the target reach the broker's keys: its [openid] server_url and realm must name the realm the run was given (--broker), whose discovery document and jwks_uri it must be able to fetch")
            .InPhase("matrix");
    }

    // A skipped call whose reason is an earlier finding: name the finding.
    private Check Explain(Check check, CallOutcome outcome)
    {
        if (outcome.MissingUser is not null && _grant is not null)
        {
            return check.ExplainedBy($"step 19 failed ({_grant.Id}): no token for '{outcome.MissingUser}' from the password grant");
        }

        return outcome.Blocked is { } blocker && Apply(check with { Verdict = Verdict.Fail }, blocker) is { Because: { } because }
            ? check.ExplainedBy(because)
            : check;
    }

    private string Unavailable => _issuer is { } issuer
        ? $"step 3 failed ({issuer.Id}): the broker announces issuer {issuer.Observed}, not the {issuer.Expected} the target trusts, so the target cannot check tokens (503)"
        : $"{TokenCheckId}: the target cannot check bearer tokens (503)";

    private string Defective => $"step 16 found the broker's token defective ({string.Join("; ", _defects.Select(d => $"{d.Id} {d.Title}"))})";
}
