using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Every check the run can report, as declared: the <see cref="CheckRule"/> fields of the step
/// files (and <see cref="Steps"/>' families), and the step-20 cases of <see cref="TokenForge"/>.
/// docs/checks.md is rendered from here (<see cref="ChecksPage"/>), and tests/SpecTests.Tests hold it equal to
/// <see cref="CheckIds"/>.
/// </summary>
public static class CheckRegistry
{
    /// <summary>One declared check and the type whose file declares it.</summary>
    public sealed record Entry(CheckRule Rule, string DeclaredIn);

    /// <summary>Every declaration, families included, in step then id order.</summary>
    public static IReadOnlyList<Entry> All() =>
        [.. Declared().Concat(MatrixCases()).OrderBy(e => e.Rule.Step).ThenBy(e => Order(e.Rule.Id)).ThenBy(e => e.Rule.Id, StringComparer.Ordinal)];

    // CheckIds.Named lists the ids in the order a reader meets them.
    private static int Order(string id) => CheckIds.Named.Contains(id, StringComparer.Ordinal) ? CheckIds.Named.ToList().IndexOf(id) : int.MaxValue;

    /// <summary>The file, from the repository root, that holds a type of SpecTests/Checks.</summary>
    public static string FileOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type == typeof(TokenForge) ? "SpecTests/Tokens/TokenForge.cs"
            : IsStepFile(type.Name) ? $"SpecTests/Checks/Steps/{type.Name}.cs"
            : $"SpecTests/Checks/{type.Name}.cs";
    }

    private static bool IsStepFile(string name) => name.StartsWith("Step", StringComparison.Ordinal) && name.Length > 4 && char.IsAsciiDigit(name[4]);

    private static IEnumerable<Entry> Declared() =>
        from type in typeof(CheckRule).Assembly.GetTypes()
        from field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        where field.FieldType == typeof(CheckRule)
        select new Entry((CheckRule)field.GetValue(null)!, FileOf(type));

    // The forge writes each case's id, title and clause; a stand-in token and an empty key set
    // give every case (those that need the broker's key come back as skips, with the same rule).
    private static IEnumerable<Entry> MatrixCases()
    {
        using var rsa = RSA.Create(2048);
        var payload = new JsonObject { ["iss"] = "https://broker.example/realms/pbench-server", ["aud"] = "pbench-server", ["sub"] = "someone" };
        var inputs = new ForgeInputs
        {
            AccessToken = DecodedJwt.TryDecode(JwsSigner.Rs256(payload, rsa, "registry"), out _)!,
            Issuer = "https://broker.example/realms/pbench-server",
            Audience = "pbench-server",
            Jwks = Jwks.Parse("""{"keys": []}"""),
            Now = DateTimeOffset.UnixEpoch,
        };
        var forge = new TokenForge(inputs);
        var cases = forge.InvalidTokenCases().Concat(forge.PositiveControls()).Append(TokenForge.RotatedKeySkipped("registry"));
        return cases.Select(c => new Entry(Step20Matrix.RuleOf(c), FileOf(typeof(TokenForge))));
    }
}
