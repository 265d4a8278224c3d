namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>A setting is missing or wrong; the message is one line that names it and says what to do.</summary>
public sealed class SpecSettingsException : Exception
{
    public SpecSettingsException()
    {
    }

    public SpecSettingsException(string message)
        : base(message)
    {
    }

    public SpecSettingsException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
