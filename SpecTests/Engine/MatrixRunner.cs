using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Step 20: sends every case of the invalid-token matrix and the positive controls to each step-20 endpoint.</summary>
public sealed class MatrixRunner(RestrictedCaller caller, TokenForge forge, IBrokerKeys? keys)
{
    public async Task<IReadOnlyList<MatrixOutcome>> RunAsync(IReadOnlyList<CatalogueCall> endpoints, string rotationSkip)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var outcomes = new List<MatrixOutcome>();
        foreach (var endpoint in endpoints)
        {
            foreach (var matrixCase in forge.InvalidTokenCases().Concat(forge.PositiveControls()))
            {
                outcomes.Add(await SendAsync(endpoint, matrixCase));
            }
        }

        // Rotation changes the broker's state, so it comes last.
        var rotated = keys?.CannotRotate is null && keys is not null ? forge.RotatedKey(keys.Rotate()) : TokenForge.RotatedKeySkipped(keys?.CannotRotate ?? rotationSkip);
        foreach (var endpoint in endpoints)
        {
            outcomes.Add(await SendAsync(endpoint, rotated));
        }

        return outcomes;
    }

    private async Task<MatrixOutcome> SendAsync(CatalogueCall endpoint, MatrixCase matrixCase)
    {
        var attempts = new List<CallOutcome>();
        foreach (var attempt in matrixCase.Attempts)
        {
            // Only the lower-case-scheme control carries the broker's own token unchanged.
            var brokerToken = matrixCase.Id == "lower-case-scheme";
            var outcome = await caller.CallAsync(endpoint with { Setup = [], Cleanup = [] }, new MatrixAttemptOverride(attempt.Label, attempt.Authorization, attempt.QueryToken, brokerToken));
            attempts.Add(outcome);
        }

        return new MatrixOutcome(matrixCase, attempts);
    }
}
