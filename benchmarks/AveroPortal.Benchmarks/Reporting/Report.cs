using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AveroPortal.Benchmarks.Reporting;

/// <summary>Prints each figure as it is measured and keeps it, with the details behind it, for the JSON file.</summary>
internal sealed class Report(BenchmarkOptions options, MachineInfo machine, TextWriter output)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly List<Figure> _figures = [];
    private readonly Dictionary<string, object> _details = [];
    private readonly List<string> _notes = [];
    private readonly List<PartLoad> _loads = [];
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public IReadOnlyList<Figure> Figures => _figures;

    public void Header()
    {
        output.WriteLine("AveroPortal benchmarks — " + options);
        output.WriteLine("Machine: " + machine);
        output.WriteLine();
    }

    /// <summary>Starts a part; disposing the result prints and keeps what the machine did meanwhile.</summary>
    public IDisposable Section(string title)
    {
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine(new string('-', title.Length));
        return new PartMonitor(title, load =>
        {
            _loads.Add(load);
            output.WriteLine("     ~ " + load);
        });
    }

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {figure.Part}  {figure.Name,-52} {Format(figure.Value),12} {figure.Unit}"));
        output.WriteLine($"       {figure.Meaning}");
    }

    /// <summary>A line of supporting detail: printed, and kept in the JSON notes.</summary>
    public void Note(string text)
    {
        _notes.Add(text);
        output.WriteLine("     · " + text);
    }

    public void Detail(string key, object value) => _details[key] = value;

    public async Task WriteJsonAsync(TimeSpan elapsed)
    {
        var document = new
        {
            GeneratedAtUtc = _started,
            Command = BenchmarkOptions.Command + (options.Quick ? " -- --quick" : ""),
            options.Quick,
            DurationSeconds = Math.Round(elapsed.TotalSeconds, 1),
            Machine = machine,
            Figures = _figures,
            Details = _details,
            Notes = _notes,
            Load = _loads,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(options.OutputPath)!);
        await using var file = File.Create(options.OutputPath);
        await JsonSerializer.SerializeAsync(file, document, Json);
    }

    public static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        _ when value == Math.Round(value) && Math.Abs(value) < 1000 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
