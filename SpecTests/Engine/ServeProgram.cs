using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Where the stand-ins' program (<c>PbenchAuthSpec.Cli.dll</c>, behind <c>./pbench-auth-spec serve</c>)
/// is: <c>PBENCH_AUTH_SPEC_SERVE</c>, else Cli's build output beside this assembly's project
/// (<c>Cli/bin/CONFIGURATION/TFM/</c>), else this assembly's own folder (a test project that references Cli).
/// </summary>
public static class ServeProgram
{
    public const string Variable = EnvironmentOverrides.Prefix + "SERVE";

    private const string Assembly = "PbenchAuthSpec.Cli.dll";

    /// <summary>The program and its first arguments (<c>dotnet PATH</c> for a .dll); a <see cref="SpecRunException"/> saying what to do when there is none.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) Locate()
    {
        var path = Find();
        return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (DotnetHost(), [path]) : (path, []);
    }

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new SpecRunException($"{Variable}={configured}: no such file; point it at the stand-ins' program (Cli/bin/Release/net10.0/{Assembly}, made by ./pbench-auth-spec build).");
        }

        var candidates = Candidates().ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new SpecRunException($"the embedded run starts the stand-ins' program ({Assembly}) and found none at {string.Join(" or ", candidates)}: build the solution (./pbench-auth-spec build, or dotnet build PbenchAuthSpec.sln) or set {Variable} to its path.");
    }

    private static IEnumerable<string> Candidates()
    {
        // PROJECT/bin/CONFIGURATION/TFM/: Cli's output is ../Cli/bin/CONFIGURATION/TFM/, built with this one.
        var here = new DirectoryInfo(Path.GetDirectoryName(typeof(ServeProgram).Assembly.Location) ?? AppContext.BaseDirectory);
        if (here.Parent?.Parent is { Name: "bin" } bin && bin.Parent?.Parent is { } projects)
        {
            yield return Path.Combine(projects.FullName, "Cli", "bin", here.Parent.Name, here.Name, Assembly);
        }

        if (File.Exists(Path.Combine(here.FullName, "PbenchAuthSpec.Cli.runtimeconfig.json")))
        {
            yield return Path.Combine(here.FullName, Assembly);
        }
    }

    // The host that runs this process when it is dotnet (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var running = Environment.ProcessPath;
        return running is not null && Path.GetFileNameWithoutExtension(running) == "dotnet" ? running : "dotnet";
    }
}
