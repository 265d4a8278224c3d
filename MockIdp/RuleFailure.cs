namespace PbenchAuthSpec.MockIdp;

/// <summary>A broken protocol rule: the OAuth error code and a description that says what to change.</summary>
internal sealed record RuleFailure(string Error, string Description);
