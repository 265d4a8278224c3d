using System.Text.RegularExpressions;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// Reports are shared: passwords and client secrets in form bodies and Basic credentials are
/// replaced before an exchange is written (tokens are kept: the report exists to show them).
/// </summary>
public static partial class Redaction
{
    public const string Mark = "REDACTED";

    public static Exchange Apply(Exchange e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e with
        {
            RequestBody = e.RequestBody is null ? null : Secrets().Replace(e.RequestBody, m => m.Groups[1].Value + Mark),
            RequestHeaders = e.RequestHeaders.ToDictionary(
                h => h.Key,
                h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) && h.Value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? "Basic " + Mark : h.Value,
                StringComparer.OrdinalIgnoreCase),
        };
    }

    [GeneratedRegex(@"((?:^|&)(?:password|client_secret)=)[^&]*")]
    private static partial Regex Secrets();
}
