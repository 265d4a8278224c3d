using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Auth;
using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary><c>POST /api/v1/datasets/{id}?access=public|private&amp;owner=USER</c>: at least one of the two.</summary>
internal sealed record DatasetUpdate(string? Access, string? Owner, string? Error)
{
    public static DatasetUpdate Parse(ProtocolParameters query, UserRegistry users)
    {
        var access = query["access"];
        var owner = query["owner"];
        if (access is null && owner is null)
        {
            return new(null, null, "Give at least one of the query parameters 'access' (public|private) or 'owner' (a username)");
        }

        if (access is not (null or Dataset.Public or Dataset.Private))
        {
            return new(null, null, $"Value '{ApiRequest.Trim(access)}' is not one of 'public', 'private' for 'access'");
        }

        if (owner is not null && (!Usernames.IsWellFormed(owner) || !users.IsKnown(owner)))
        {
            return new(null, null, $"User '{ApiRequest.Trim(owner)}' is not known to this server");
        }

        return new(access, owner, null);
    }

    public Dataset Apply(Dataset dataset) => dataset with { Access = Access ?? dataset.Access, Owner = Owner ?? dataset.Owner };
}
