namespace PbenchAuthSpec.LoadGen;

/// <summary>A measurement that could not be taken; the message says what and what to do.</summary>
public sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
