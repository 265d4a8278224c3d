namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The access token of each catalogue role (<c>login</c>, <c>other</c>, <c>admin</c>), or why there is none.</summary>
public sealed class UserTokens
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _missing = new(StringComparer.Ordinal);

    public void Set(string role, string token) => _tokens[role] = token;

    public void Missing(string role, string why) => _missing[role] = why;

    public string? Token(string role) => _tokens.GetValueOrDefault(role);

    public string WhyMissing(string role) => _missing.GetValueOrDefault(role) ?? $"no token for user '{role}'";
}
