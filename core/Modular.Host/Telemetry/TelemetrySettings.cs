using Modular.Abstractions;

namespace Modular.Host.Telemetry;

/// <summary>4D's HTTP debug log (spec/webServerConfig.md, Debug log) as OpenTelemetry, and where spans go.</summary>
public sealed class TelemetrySettings : IValidatableSettings
{
    private static readonly string[] Exporters = ["file", "otlp", "console"];

    [Setting("4D's HTTP debug log on each request's span: 0 off; 1 request and response lines and headers, body sizes; 3 also response bodies; 5 also request bodies; 7 both.", Minimum = 0, Maximum = 1, AlsoAllowed = [3, 5, 7])]
    public int debugLog { get; init; }

    [Setting("Bytes of a body debugLog records (as a span event); the full size is recorded beside it.", Minimum = 0, Maximum = 16_777_216, Unit = "bytes")]
    public int debugLogBodyLimit { get; init; } = 65_536;

    [Setting("Record the values of Authorization, Proxy-Authorization, Cookie and Set-Cookie as [redacted]; false records them as sent.")]
    public bool debugLogRedact { get; init; } = true;

    [Setting("Where spans go: file (HTTPDebugLog_nn.txt in logsFolder, JSON lines), otlp (the OTEL_EXPORTER_OTLP_* variables), console; none means file while debugLog is on.", Accepts = "a list of file, otlp, console", AppliesAt = SettingScope.Start)]
    public IReadOnlyList<string> telemetryExporters { get; init; } = [];

    [Setting("Size at which the debug log moves on to the next HTTPDebugLog_nn.txt.", Minimum = 1, Maximum = 4096, Unit = "MB")]
    public int debugLogFileSize { get; init; } = 10;

    [Setting("Folder of the debug log files (4D: Logs); relative to the settings file's folder.", Accepts = "a folder path", AppliesAt = SettingScope.Start)]
    public string logsFolder { get; init; } = "Logs";

    /// <summary>The exporters in use: the listed ones, or the file alone when none is listed.</summary>
    internal IReadOnlyList<string> EffectiveExporters => telemetryExporters.Count > 0 ? [.. telemetryExporters.Select(e => e.ToLowerInvariant())] : ["file"];

    /// <summary>Whether requests get spans at all: some exporter was asked for, or the debug log is on.</summary>
    internal bool Traces => debugLog > 0 || telemetryExporters.Count > 0;

    internal bool RecordsResponseBody => (debugLog & 2) != 0;

    internal bool RecordsRequestBody => (debugLog & 4) != 0;

    public IEnumerable<SettingProblem> Validate()
    {
        var unknown = telemetryExporters.Where(exporter => !Exporters.Contains(exporter, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            yield return new(nameof(telemetryExporters), $"unknown exporter(s) {string.Join(", ", unknown.Select(e => $"'{e}'"))}; allowed: file, otlp, console");
        }
        if (logsFolder.Trim().Length == 0)
        {
            yield return new(nameof(logsFolder), "must name a folder");
        }
    }
}
