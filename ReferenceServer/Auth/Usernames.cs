using System.Buffers;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>What this server accepts as a username in a query (Keycloak usernames: letters, digits, <c>._@-</c>).</summary>
internal static class Usernames
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._@-");

    public static bool IsWellFormed(string name) => name.Length is > 0 and <= 255 && !name.AsSpan().ContainsAnyExcept(Allowed);
}
