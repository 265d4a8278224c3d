using System.Collections.Concurrent;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>The validated fixture: lifetimes, the signing key (built once per file), clients and users by name.</summary>
internal sealed class IdpConfiguration
{
    private static readonly ConcurrentDictionary<string, SigningKey> KeysByPath = new(StringComparer.Ordinal);

    private IdpConfiguration(IdpFixture fixture, SigningKey key, int redirectStatus)
    {
        Key = key;
        RedirectStatus = redirectStatus;
        CodeLifetime = TimeSpan.FromSeconds(fixture.CodeLifetimeSeconds);
        AccessTokenLifetime = TimeSpan.FromSeconds(fixture.AccessTokenLifetimeSeconds);
        IdTokenLifetime = TimeSpan.FromSeconds(fixture.IdTokenLifetimeSeconds);
        LoginLifetime = TimeSpan.FromSeconds(fixture.LoginLifetimeSeconds);
        SessionLifetime = TimeSpan.FromSeconds(fixture.SessionLifetimeSeconds);
        Clients = fixture.Clients.ToDictionary(c => c.ClientId, c => new RegisteredClient(c), StringComparer.Ordinal);
        Users = fixture.Users.ToDictionary(u => u.Username, StringComparer.Ordinal);
    }

    public SigningKey Key { get; }

    public int RedirectStatus { get; }

    public TimeSpan CodeLifetime { get; }

    public TimeSpan AccessTokenLifetime { get; }

    public TimeSpan IdTokenLifetime { get; }

    public TimeSpan LoginLifetime { get; }

    public TimeSpan SessionLifetime { get; }

    public IReadOnlyDictionary<string, RegisteredClient> Clients { get; }

    public IReadOnlyDictionary<string, IdpUser> Users { get; }

    public static IdpConfiguration Load(string fixturePath, int? redirectStatus)
    {
        var fixture = IdpFixture.Load(fixturePath);
        Validate(fixture, fixturePath);
        var status = redirectStatus ?? fixture.RedirectStatus;
        if (status is not (302 or 303))
        {
            var setting = redirectStatus is null ? $"{fixturePath}: redirectStatus" : "--redirect-status";
            throw new InvalidOperationException($"{setting} is {status}; use 302 or 303.");
        }

        var keyPath = ResolveKeyPath(fixture.SigningKey, fixturePath);
        var key = KeysByPath.GetOrAdd(keyPath, path => SigningKey.FromPemFile(path));
        return new IdpConfiguration(fixture, key, status);
    }

    private static void Validate(IdpFixture fixture, string path)
    {
        RequirePositive(fixture.CodeLifetimeSeconds, "codeLifetimeSeconds", path);
        RequirePositive(fixture.AccessTokenLifetimeSeconds, "accessTokenLifetimeSeconds", path);
        RequirePositive(fixture.IdTokenLifetimeSeconds, "idTokenLifetimeSeconds", path);
        RequirePositive(fixture.LoginLifetimeSeconds, "loginLifetimeSeconds", path);
        RequirePositive(fixture.SessionLifetimeSeconds, "sessionLifetimeSeconds", path);
        for (var i = 0; i < fixture.Clients.Count; i++)
        {
            var client = fixture.Clients[i];
            Require(!string.IsNullOrEmpty(client.ClientId), $"{path}: clients[{i}].clientId is missing.");
            Require(!string.IsNullOrEmpty(client.ClientSecret), $"{path}: clients[{i}].clientSecret is missing (MockIdp clients are confidential).");
            Require(client.RedirectUris.Count > 0, $"{path}: clients[{i}].redirectUris is empty.");
            Require(client.RedirectUris.All(u => !u.Contains('#', StringComparison.Ordinal)), $"{path}: clients[{i}].redirectUris: a redirect URI has no fragment (RFC 6749 §3.1.2).");
        }

        for (var i = 0; i < fixture.Users.Count; i++)
        {
            var user = fixture.Users[i];
            Require(!string.IsNullOrEmpty(user.Username), $"{path}: users[{i}].username is missing.");
            Require(!string.IsNullOrEmpty(user.Password), $"{path}: users[{i}].password is missing.");
            Require(!string.IsNullOrEmpty(user.Sub), $"{path}: users[{i}].sub is missing.");
        }

        Require(fixture.Clients.Select(c => c.ClientId).Distinct(StringComparer.Ordinal).Count() == fixture.Clients.Count, $"{path}: two clients share a clientId.");
        Require(fixture.Users.Select(u => u.Username).Distinct(StringComparer.Ordinal).Count() == fixture.Users.Count, $"{path}: two users share a username.");
        Require(fixture.Users.Select(u => u.Sub).Distinct(StringComparer.Ordinal).Count() == fixture.Users.Count, $"{path}: two users share a sub.");
    }

    private static string ResolveKeyPath(string keyPath, string fixturePath)
    {
        if (Path.IsPathRooted(keyPath))
        {
            return keyPath;
        }

        var besideFixture = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(fixturePath)) ?? ".", keyPath);
        return File.Exists(besideFixture) ? besideFixture : FixturePaths.File(keyPath);
    }

    private static void RequirePositive(int value, string name, string path) =>
        Require(value > 0, $"{path}: {name} is {value}; it must be a positive number of seconds.");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
