using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 13 and 14: the browser loads the dashboard at the redirect location.</summary>
public static class Step13To14Dashboard
{
    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProtocolMode)
        {
            const string Why = "protocol mode (--no-dashboard): the harness plays the dashboard, so the target serves no page here";
            return [Check.Skipped(13, "s13.observed", "Diagram step 13", "dashboard load", Why), Check.Skipped(14, "s14.status", "Diagram step 14", "200 response", Why)];
        }

        if (trace.DashboardLoad is not { } e)
        {
            return [Steps.Missing(13, "GET of step 12's Location", trace.BrokerRedirect is null ? "step 12 not observed" : "the browser did not load the dashboard")];
        }

        var location = trace.BrokerRedirect?.Location ?? "";
        var contentType = e.ResponseHeader("Content-Type") ?? "";
        var checks = new List<Check>
        {
            Steps.Observed(13, e, "GET of the dashboard redirect location"),
            // A browser never sends the fragment; the rest of the URL must be step 12's Location.
            Check.That(13, "s13.location", "RFC 9110 §15.4, RFC 3986 §3.5", "the URL is step 12's Location (without fragment)",
                e.Method == "GET" && e.Url == Urls.WithoutFragment(location) && Urls.SameOrigin(e.Url, context.TargetUrl), Urls.WithoutFragment(location), $"{e.Method} {e.Url}"),
            Check.That(14, "s14.status", "Diagram step 14", "200 response", e.Status == 200, "200", Steps.StatusText(e)),
            Check.That(14, "s14.html", "Diagram step 14", "HTML page", contentType.Contains("text/html", StringComparison.OrdinalIgnoreCase), "text/html", contentType.Length == 0 ? "(none)" : contentType),
        };
        return checks.Select(c => c.WithExchanges(e.Id));
    }
}
