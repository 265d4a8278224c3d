using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// A standalone MockBroker signs with the fixture key (fixtures/keys/broker-signing.pem): when the
/// broker's JWKS publishes that very key, the harness can forge with it. It cannot rotate it.
/// </summary>
public sealed class FixtureBrokerKeys : IBrokerKeys
{
    private FixtureBrokerKeys(SigningKey key) => Active = key;

    public SigningKey Active { get; }

    public string? CannotRotate => "the broker runs in another process: its rotation hook is in-process only";

    public static FixtureBrokerKeys? Match(Jwks jwks)
    {
        ArgumentNullException.ThrowIfNull(jwks);
        var path = FixturePaths.File("keys", "broker-signing.pem");
        if (!File.Exists(path))
        {
            return null;
        }

        var fixture = SigningKey.FromPemFile(path);
        var modulus = DecodedJwt.Text(fixture.Jwk, "n");
        var published = jwks.Keys.FirstOrDefault(k => DecodedJwt.Text(k, "n") == modulus);
        return published is null ? null : new FixtureBrokerKeys(SigningKey.FromRsa(fixture.Rsa, DecodedJwt.Text(published, "kid")));
    }

    public SigningKey Rotate() => throw new InvalidOperationException(CannotRotate);
}
