using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>Step 20: sends every case of the invalid-token matrix and the positive controls to each step-20 endpoint.</summary>
/// <param name="freshToken">A new broker token (password grant), to get one signed by the rotated key.</param>
public sealed class MatrixRunner(RestrictedCaller caller, TokenForge forge, IBrokerKeys? keys, Func<Task<string?>> freshToken)
{
    public async Task<IReadOnlyList<MatrixOutcome>> RunAsync(IReadOnlyList<CatalogueCall> endpoints, string rotationSkip, string? currentKid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // The cases are independent reads: sent side by side, as a busy dashboard would.
        var cases = endpoints.SelectMany(e => forge.InvalidTokenCases().Concat(forge.PositiveControls()).Select(c => SendAsync(e, c)));
        var outcomes = (await Task.WhenAll(cases)).ToList();

        // Rotation changes the broker's state, so it comes last.
        var rotated = await RotatedAsync(rotationSkip, currentKid, cancellationToken);
        foreach (var endpoint in endpoints)
        {
            outcomes.Add(await SendAsync(endpoint, rotated));
        }

        return outcomes;
    }

    private async Task<MatrixCase> RotatedAsync(string rotationSkip, string? currentKid, CancellationToken cancellationToken)
    {
        if (keys is null || keys.CannotRotate is not null)
        {
            return TokenForge.RotatedKeySkipped(keys?.CannotRotate ?? rotationSkip);
        }

        Protocol.SigningKey? rotated;
        try
        {
            rotated = await keys.RotateAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            return TokenForge.RotatedKeySkipped(e.Message);
        }

        // Prefer a token the broker itself signed with the new key; forge one when only the key is known.
        if (await freshToken() is { } token && DecodedJwt.TryDecode(token, out _) is { } jwt && jwt.Kid != currentKid)
        {
            return TokenForge.RotatedToken(token);
        }

        return rotated is not null
            ? forge.RotatedKey(rotated)
            : TokenForge.RotatedKeySkipped($"the broker was told to rotate, but no token signed by a new key could be had (a fresh password-grant token still has kid {currentKid})");
    }

    private async Task<MatrixOutcome> SendAsync(CatalogueCall endpoint, MatrixCase matrixCase)
    {
        // Only the lower-case-scheme control carries the broker's own login token unchanged.
        var brokerToken = matrixCase.Id == "lower-case-scheme";
        var attempts = await Task.WhenAll(matrixCase.Attempts.Select(a =>
            caller.CallAsync(endpoint with { Setup = [], Cleanup = [] }, new MatrixAttemptOverride(a.Label, a.Authorization, a.QueryToken, brokerToken))));
        return new MatrixOutcome(matrixCase, attempts);
    }
}
