using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>Steps 13 and 14: the browser loads the dashboard at the redirect location.</summary>
public static class Step13To14Dashboard
{
    internal static readonly CheckRule Status = new("s14.status", "Diagram step 14", "200 response")
    {
        Expected = "200",
        SkipWhen = "protocol mode (--no-dashboard): the target serves no page",
    };
    internal static readonly CheckRule Location = new(
        "s13.location", "RFC 9110 §15.4, RFC 3986 §3.5", "the URL is step 12's Location (without fragment)")
    {
        Expected = "step 12's Location without its fragment",
    };
    internal static readonly CheckRule Html = new("s14.html", "Diagram step 14", "HTML page") { Expected = "text/html" };

    public static IEnumerable<Check> Evaluate(LoginTrace trace, WalkContext context)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(context);
        if (context.ProtocolMode)
        {
            const string Why = "protocol mode (--no-dashboard): the harness plays the dashboard, so the target serves no page here";
            return [Steps.ObservedRule.Of(13).Skip(Why, title: "dashboard load"), Status.Skip(Why)];
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
            Location.Judge(e.Method == "GET" && e.Url == Urls.WithoutFragment(location) && Urls.SameOrigin(e.Url, context.TargetUrl),
                $"{e.Method} {e.Url}",
                expected: Urls.WithoutFragment(location)),
            Status.Judge(e.Status == 200, Steps.StatusText(e)),
            Html.Judge(contentType.Contains("text/html", StringComparison.OrdinalIgnoreCase), contentType.Length == 0 ? "(none)" : contentType),
        };
        return checks.Select(c => c.WithExchanges(e.Id));
    }
}
