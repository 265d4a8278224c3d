namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>One malformed request: <c>{realm}</c> in the path stands for <c>/realms/pbench-server</c>.</summary>
public sealed record MalformedRequest(string Method, string Path, string? Body = null, string? ContentType = "application/x-www-form-urlencoded")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Sends a valid master admin token, so the request gets past the admin API's guard.</summary>
    public bool AsAdmin { get; init; }

    public int? Status { get; init; }
}
