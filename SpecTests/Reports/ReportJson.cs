using System.Text.Encodings.Web;
using System.Text.Json;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>report.json reading and writing (indented, readable arrows and symbols).</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(SpecReport report) => JsonSerializer.Serialize(report, Options);

    public static SpecReport Deserialize(string json) =>
        JsonSerializer.Deserialize<SpecReport>(json, Options) ?? throw new InvalidOperationException("report.json is empty");
}
