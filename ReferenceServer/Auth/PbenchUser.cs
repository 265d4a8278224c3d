namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>The identity a request runs as: Pbench's user (id = token <c>sub</c>) and whether it is an admin.</summary>
internal sealed record PbenchUser(string Username, string Subject, IReadOnlyList<string> Roles, bool IsAdmin);
