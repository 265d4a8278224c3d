namespace PbenchAuthSpec.MockIdp;

/// <summary>OIDC Core §3.1.2.1 <c>prompt</c> values MockIdp acts on.</summary>
[Flags]
internal enum Prompt
{
    None = 0,

    /// <summary><c>prompt=none</c>: no page may be shown.</summary>
    NoInteraction = 1,

    /// <summary><c>prompt=login</c>: ask for the password even with a session.</summary>
    Login = 2,

    /// <summary><c>prompt=consent</c>: ask for consent even when remembered.</summary>
    Consent = 4,
}
