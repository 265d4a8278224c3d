using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>
/// Reports are shared: passwords and client secrets (in form bodies and in the query of a URL,
/// a Referer or a Location, however their names are encoded) and Basic credentials are replaced
/// before an exchange is written, as the stand-ins' journals replace them
/// (<see cref="JournalRedaction"/>); tokens are kept: the report exists to show them.
/// </summary>
public static class Redaction
{
    public const string Mark = JournalRedaction.Mark;

    public static Exchange Apply(Exchange e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e with
        {
            Url = JournalRedaction.Url(e.Url),
            ResponseHeaders = JournalRedaction.ResponseHeaders(e.ResponseHeaders),
            RequestBody = e.RequestBody is null ? null : JournalRedaction.Form(e.RequestBody),
            RequestHeaders = JournalRedaction.Headers(e.RequestHeaders),
        };
    }
}
