using System.Globalization;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Auth;
using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>The filters of <c>GET /api/v1/datasets</c>: <c>mine</c>, <c>owner</c>, <c>access</c>, <c>limit</c>, <c>offset</c>.</summary>
internal sealed record DatasetQuery(bool Mine, string? Owner, string? Access, int Limit, int Offset, string? Error)
{
    public const int MaxLimit = 1000;

    public static DatasetQuery Parse(ProtocolParameters query)
    {
        if (!ApiRequest.TryParseBool(query["mine"], out var mine))
        {
            return Fail($"Value '{ApiRequest.Trim(query["mine"]!)}' (str) cannot be parsed as a boolean for 'mine'");
        }

        var access = query["access"];
        if (access is not (null or Dataset.Public or Dataset.Private))
        {
            return Fail($"Value '{ApiRequest.Trim(access)}' is not one of 'public', 'private' for 'access'");
        }

        var owner = query["owner"];
        if (owner is not null && !Usernames.IsWellFormed(owner))
        {
            return Fail($"Value '{ApiRequest.Trim(owner)}' is not a username for 'owner'");
        }

        if (!TryInt(query["limit"], 1, MaxLimit, MaxLimit, out var limit) || !TryInt(query["offset"], 0, int.MaxValue, 0, out var offset))
        {
            return Fail($"'limit' must be an integer from 1 to {MaxLimit} and 'offset' an integer from 0");
        }

        return new DatasetQuery(mine, owner, access, limit, offset, null);
    }

    public bool Matches(Dataset dataset, PbenchUser? user) =>
        (!Mine || dataset.Owner == user?.Username) && (Owner is null || dataset.Owner == Owner) && (Access is null || dataset.Access == Access);

    private static DatasetQuery Fail(string error) => new(false, null, null, 0, 0, error);

    private static bool TryInt(string? text, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return text is null
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
