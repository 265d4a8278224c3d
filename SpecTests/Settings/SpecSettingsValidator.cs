using System.Text.RegularExpressions;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>Checks settings before anything starts; the first problem is thrown as one line naming the setting (by its flag).</summary>
public static partial class SpecSettingsValidator
{
    private static readonly string[] Profiles = ["pbench", "diagram"];
    private static readonly string[] TraceModes = ["retain-on-failure", "on", "off"];

    public static SpecSettings Validate(SpecSettings settings, IReadOnlyCollection<string>? knownDefects = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problem = TargetProblem(settings) ?? ModeProblem(settings) ?? DashboardProblem(settings) ?? DefectProblem(settings, knownDefects) ?? KeycloakProblem(settings) ?? BrowserProblem(settings) ?? KnownFailuresProblem(settings);
        return problem is null ? settings : throw new SpecSettingsException(problem);
    }

    private static string? TargetProblem(SpecSettings s)
    {
        if (s.IsEmbedded)
        {
            return s.Broker is { Length: > 0 } broker
                ? $"--broker {broker} needs --target: the embedded run uses its own MockBroker (drop --broker, or add --target URL)."
                : null;
        }

        if (!IsHttpUrl(s.Target))
        {
            return $"--target '{s.Target}' is not a URL: give the target's base URL (e.g. https://pbench.example.com) or leave it out for the embedded run.";
        }

        if (string.IsNullOrEmpty(s.Broker))
        {
            return "--broker is required with --target (the realm URL the target trusts, e.g. https://sso.example.com/realms/pbench-server).";
        }

        return IsHttpUrl(s.Broker) && RealmPath().IsMatch(new Uri(s.Broker).AbsolutePath)
            ? null
            : $"--broker '{s.Broker}' is not a realm URL: expected https://HOST/realms/REALM (the [openid] server_url plus /realms/ and the realm).";
    }

    private static string? ModeProblem(SpecSettings s)
    {
        if (!Profiles.Contains(s.Profile))
        {
            return $"--profile '{s.Profile}' is unknown: use pbench (the real Pbench server's contract) or diagram (the diagram read literally).";
        }

        if (!s.ProtocolModeOn && s.DashboardPage is null)
        {
            var known = string.Join(", ", s.Dashboards.Keys.Order(StringComparer.Ordinal));
            return $"--dashboard '{s.Dashboard}' is unknown: use one of {known}, or --no-dashboard for protocol mode.";
        }

        if (s.UntilStep is < 1 or > 20)
        {
            return $"--until-step {s.UntilStep} is out of range: the diagram numbers its steps 1 to 20.";
        }

        if (!TraceModes.Contains(s.Trace))
        {
            return $"--trace '{s.Trace}' is unknown: use retain-on-failure, on or off.";
        }

        return s.ProtocolMode.ResponseMode is "query" or "fragment"
            ? null
            : $"protocolMode.responseMode '{s.ProtocolMode.ResponseMode}' is unknown: use query or fragment.";
    }

    private static string? DashboardProblem(SpecSettings s)
    {
        foreach (var (name, d) in s.Dashboards.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!d.Path.StartsWith('/'))
            {
                return $"dashboards.{name}.path '{d.Path}' must start with / (a path on the target, e.g. /dashboard/auth).";
            }

            if (d.LoggedInMatch is not ("equals" or "contains"))
            {
                return $"dashboards.{name}.loggedInMatch '{d.LoggedInMatch}' is unknown: use equals or contains.";
            }
        }

        return null;
    }

    private static string? KeycloakProblem(SpecSettings s) => s.KeycloakVersion switch
    {
        null => null,
        _ when !s.IsEmbedded => $"--keycloak-version {s.KeycloakVersion} works only with the embedded target (it sets the Keycloak line MockBroker answers as); a broker of your own answers as its own version: drop --keycloak-version.",
        < 1 or > 99 => $"--keycloak-version {s.KeycloakVersion} is not a Keycloak major version: give e.g. 24 or 26.",
        _ => null,
    };

    private static string? DefectProblem(SpecSettings s, IReadOnlyCollection<string>? known)
    {
        if (s.Defects.Count == 0)
        {
            return null;
        }

        if (!s.IsEmbedded)
        {
            return $"--defect {s.Defects[0]} works only with the embedded target (it switches a bug on in ReferenceServer or MockBroker); drop --target.";
        }

        var unknown = known is null ? null : s.Defects.FirstOrDefault(d => !known.Contains(d));
        return unknown is null ? null : $"--defect '{unknown}' is not in fixtures/defects.json: run ./pbench-auth-spec defects for the list.";
    }

    private static string? BrowserProblem(SpecSettings s)
    {
        if (s.Browser.SlowMo < 0)
        {
            return $"--slow-mo {s.Browser.SlowMo} is negative: give milliseconds, e.g. --slow-mo 250.";
        }

        return s.Timeouts.ActionMs <= 0 || s.Timeouts.NavigationMs <= 0 || s.Timeouts.HttpMs <= 0
            ? "timeouts.actionMs, timeouts.navigationMs and timeouts.httpMs must be positive milliseconds."
            : null;
    }

    // The list itself is read when the run starts (SpecRun): ids are checked against the catalogue there.
    private static string? KnownFailuresProblem(SpecSettings s)
    {
        if (s.KnownFailures is { } known && !File.Exists(known))
        {
            return $"--known-failures {known}: no such file (write a starting one with --write-known-failures {known}).";
        }

        return s.WriteKnownFailures is { } write && Path.GetDirectoryName(Path.GetFullPath(write)) is { } folder && !Directory.Exists(folder)
            ? $"--write-known-failures {write}: the folder {folder} does not exist."
            : null;
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^(/[^/]+)*/realms/[^/]+/?$")]
    private static partial Regex RealmPath();
}
