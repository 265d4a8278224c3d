namespace PbenchAuthSpec.LoadGen;

/// <summary>A MockIdp fixture user (alice is imported by the broker, bob and admin are linked).</summary>
public sealed record LoginUser(string Username, string Password)
{
    public static IReadOnlyList<LoginUser> Fixture { get; } =
    [
        new("alice", "alice-password"),
        new("bob", "bob-password"),
        new("admin", "admin-password"),
    ];
}
