using System.Text.Json.Serialization.Metadata;

namespace PbenchAuthSpec.MockIdp;

/// <summary>A 200 JSON answer that no cache keeps (RFC 6749 §5.1), serialized without reflection.</summary>
internal sealed class NoStoreJsonResult<T>(T value, JsonTypeInfo<T> type) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => IdpResponses.JsonAsync(httpContext, value, type);
}
