using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.Cli;

/// <summary><c>defects</c>: every switchable defect, one line each, with the step(s) that must catch it.</summary>
internal static class DefectsCommand
{
    public static int Run(string[] args)
    {
        var line = Program.Parse(args, [], ["--json"]);
        var path = FixturePaths.File("defects.json");
        var catalogue = JsonNode.Parse(File.ReadAllText(path))?["defects"]?.AsArray()
            ?? throw new InvalidOperationException($"{path}: no \"defects\" array.");
        if (line.Flag("--json"))
        {
            Console.WriteLine(catalogue.ToJsonString(ServeCommand.Json));
            return 0;
        }

        var rows = catalogue.Select(Row).ToList();
        var width = rows.Max(r => r.Name.Length);
        Console.WriteLine($"{"defect".PadRight(width)}  {"where",-9}  {"caught at",-18}  what it switches on");
        foreach (var (name, target, steps, description) in rows)
        {
            Console.WriteLine($"{name.PadRight(width)}  {target,-9}  {steps,-18}  {description}");
        }

        Console.WriteLine();
        Console.WriteLine("Switch one on with: ./pbench-auth-spec run --defect NAME, or ./pbench-auth-spec serve --defect NAME.");
        return 0;
    }

    private static (string Name, string Target, string Steps, string Description) Row(JsonNode? row)
    {
        var verdict = (string?)row?["verdict"] ?? "fail";
        var steps = "step " + Steps(row?["steps"]) + (verdict == "fail" ? "" : $" ({verdict})");
        foreach (var (dashboard, byDashboard) in row?["stepsByDashboard"]?.AsObject() ?? [])
        {
            steps += $"; {dashboard}: {Steps(byDashboard)}";
        }

        var dashboards = row?["dashboards"]?.AsArray().Select(d => (string)d!).ToList();
        var description = (string?)row?["description"] ?? "";
        if (dashboards is { Count: > 0 } && (string?)row?["target"] == "dashboard")
        {
            description += $" [dashboards: {string.Join(", ", dashboards)}]";
        }

        if ((string?)row?["idp"] is { } idp)
        {
            description += $" [caught against {idp}]";
        }

        return ((string?)row?["name"] ?? "?", (string?)row?["target"] ?? "?", steps, description);
    }

    private static string Steps(JsonNode? steps) => string.Join(",", steps?.AsArray().Select(s => (int)s!) ?? []);
}
