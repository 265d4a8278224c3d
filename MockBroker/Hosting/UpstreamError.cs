namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>An upstream failure with the OAuth error code the client should get (e.g. <c>access_denied</c>).</summary>
internal sealed class UpstreamError : Exception
{
    public UpstreamError()
    {
        Error = "access_denied";
    }

    public UpstreamError(string message)
        : base(message)
    {
        Error = "access_denied";
    }

    public UpstreamError(string message, Exception inner)
        : base(message, inner)
    {
        Error = "access_denied";
    }

    public UpstreamError(string error, string message)
        : base(message)
    {
        Error = error;
    }

    public string Error { get; }
}
