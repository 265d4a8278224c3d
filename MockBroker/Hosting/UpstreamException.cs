namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>The upstream IdP could not be used (unreachable, malformed answer, invalid id_token); the message says why.</summary>
internal sealed class UpstreamException : Exception
{
    public UpstreamException()
    {
    }

    public UpstreamException(string message)
        : base(message)
    {
    }

    public UpstreamException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
