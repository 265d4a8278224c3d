using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Reports;

/// <summary>report.json's <c>brokerAdmin</c>: who logged in to the broker's admin API (null: nobody) and why that account or none.</summary>
public sealed record BrokerAdminReport(
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("source")] string Source)
{
    public string Describe() => Username is { } u ? $"{u} ({Source})" : Source;
}
