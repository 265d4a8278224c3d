namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>The run cannot start (unreachable target or broker, no browser); the message is one line saying what to do.</summary>
public sealed class SpecRunException : Exception
{
    public SpecRunException()
    {
    }

    public SpecRunException(string message)
        : base(message)
    {
    }

    public SpecRunException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
