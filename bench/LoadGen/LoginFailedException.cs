namespace PbenchAuthSpec.LoadGen;

/// <summary>A login that did not end with its own user's token; the message says at which hop.</summary>
public sealed class LoginFailedException : Exception
{
    public LoginFailedException()
    {
    }

    public LoginFailedException(string message)
        : base(message)
    {
    }

    public LoginFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int? Status { get; init; }
}
