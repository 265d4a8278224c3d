using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Step 20: sends every case of the invalid-token matrix and the positive controls to each step-20
/// endpoint; the rotated-key control is separate (<see cref="RotationControlAsync"/>) because it
/// changes the broker and must come after everything else that uses broker tokens.
/// </summary>
/// <param name="freshToken">A new broker token (password grant), to get one signed by the rotated key.</param>
public sealed class MatrixRunner(RestrictedCaller caller, TokenForge forge, IBrokerKeys? keys, Func<Task<string?>> freshToken)
{
    public async Task<IReadOnlyList<MatrixOutcome>> RunAsync(IReadOnlyList<CatalogueCall> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // The cases are independent reads: sent side by side, as a busy dashboard would.
        var cases = endpoints.SelectMany(e => forge.InvalidTokenCases().Concat(forge.PositiveControls()).Select(c => SendAsync(e, c)));
        return await Task.WhenAll(cases);
    }

    /// <summary>
    /// The rotation control, the last thing a run does with the broker: rotate (the old key
    /// stays published and valid), send a token signed by the new key to every step-20 endpoint,
    /// and restore the original key, also when this throws or the run is interrupted
    /// (<see cref="KeyRestoreGuard"/>). The result says what was changed and whether it was undone.
    /// </summary>
    public async Task<(IReadOnlyList<MatrixOutcome> Outcomes, RunChange? Change)> RotationControlAsync(IReadOnlyList<CatalogueCall> endpoints, string rotationSkip, string? currentKid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (keys is null || keys.CannotRotate is not null)
        {
            return (Skipped(endpoints, TokenForge.RotatedKeySkipped(keys?.CannotRotate ?? rotationSkip)), null);
        }

        await using var guard = new KeyRestoreGuard(keys, timeout);
        MatrixCase rotated;
        try
        {
            rotated = await RotatedAsync(currentKid, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return (Skipped(endpoints, TokenForge.RotatedKeySkipped(e.Message)), null);
        }

        var outcomes = await SendToAllAsync(endpoints, rotated);
        var problem = await guard.RestoreAsync();
        return (outcomes, new RunChange
        {
            System = "broker",
            Check = Step20Matrix.IdOf(positive: true, rotated.Id),
            What = keys is BrokerAdminChanges
                ? $"key provider {BrokerAdminChanges.KeyProvider} added (rsa-generated, priority above the realm's others): the realm signed with a new key"
                : "the realm's signing key rotated (the original stayed published)",
            Request = keys.RotationRequest,
            Restored = problem is null,
            Restore = problem,
        });
    }

    /// <summary>One case at every endpoint, one endpoint after the other.</summary>
    public async Task<IReadOnlyList<MatrixOutcome>> SendToAllAsync(IReadOnlyList<CatalogueCall> endpoints, MatrixCase matrixCase)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var outcomes = new List<MatrixOutcome>();
        foreach (var endpoint in endpoints)
        {
            outcomes.Add(await SendAsync(endpoint, matrixCase));
        }

        return outcomes;
    }

    private async Task<MatrixCase> RotatedAsync(string? currentKid, CancellationToken cancellationToken)
    {
        var rotated = await keys!.RotateAsync(cancellationToken);

        // Prefer a token the broker itself signed with the new key; forge one when only the key is known.
        if (await freshToken() is { } token && DecodedJwt.TryDecode(token, out _) is { } jwt && jwt.Kid != currentKid)
        {
            return TokenForge.RotatedToken(token, keys is BrokerAdminChanges ? $"a real token the broker signed after the run added the key provider {BrokerAdminChanges.KeyProvider} through its admin API" : null);
        }

        return rotated is not null
            ? forge.RotatedKey(rotated)
            : TokenForge.RotatedKeySkipped($"the broker was told to rotate, but no token signed by a new key could be had (a fresh password-grant token still has kid {currentKid})");
    }

    private static List<MatrixOutcome> Skipped(IReadOnlyList<CatalogueCall> endpoints, MatrixCase skipped) =>
        [.. endpoints.Take(1).Select(_ => new MatrixOutcome(skipped, []))];

    private async Task<MatrixOutcome> SendAsync(CatalogueCall endpoint, MatrixCase matrixCase)
    {
        var attempts = await Task.WhenAll(matrixCase.Attempts.Select(a =>
            caller.CallAsync(endpoint with { Setup = [], Cleanup = [] }, new MatrixAttemptOverride(a.Label, a.Authorization, a.QueryToken, matrixCase.BrokerToken))));
        return new MatrixOutcome(matrixCase, attempts);
    }
}
