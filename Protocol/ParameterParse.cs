namespace PbenchAuthSpec.Protocol;

/// <summary>The outcome of reading protocol parameters: the parameters, or why they were refused.</summary>
public sealed record ParameterParse(ProtocolParameters? Parameters, string? Error)
{
    public static ParameterParse Fail(string error) => new(null, error);
}
