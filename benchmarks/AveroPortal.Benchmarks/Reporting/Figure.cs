namespace AveroPortal.Benchmarks.Reporting;

/// <summary>One measured number: printed with its unit and what it means, and written to the JSON file.</summary>
internal sealed record Figure(string Id, string Part, string Name, double Value, string Unit, string Meaning);
