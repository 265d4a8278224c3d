namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// When step 16 found the broker's access token defective (bad signature, issuer, audience...), a
/// conforming target refuses it: the resulting 401 at steps 17–20 is step 16's finding, not the
/// target's, so such checks are skipped with a pointer to step 16 instead of failing twice.
/// </summary>
public sealed class TokenDefectCascade(IReadOnlyList<Check> step16)
{
    private readonly List<Check> _defects = step16.Where(c => c.Verdict == Verdict.Fail && AccessTokenChecks.TokenDefects.Contains(c.Id)).ToList();

    public bool Active => _defects.Count > 0;

    public Check Apply(Check check, CallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!Active || check.Verdict != Verdict.Fail || outcome.Status != 401 || !outcome.BrokerToken)
        {
            return check;
        }

        var why = string.Join("; ", _defects.Select(d => d.Title));
        return check with { Verdict = Verdict.Skip, Observed = $"{check.Observed} — the target refused the broker's token, which step 16 found defective ({why})" };
    }
}
