using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Modular.Host.Telemetry;

/// <summary>Records every span while something reads them (an exporter is listed, or debugLog is on), none otherwise; it asks the
/// running settings each time, so debugLog changed through the admin API applies to the next request.</summary>
/// <remarks>Dropped spans are never created: with neither, a request pays for no span at all.</remarks>
internal sealed class DebugLogSampler(IOptionsMonitor<TelemetrySettings> settings) : Sampler
{
    private static readonly SamplingResult Record = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) => settings.CurrentValue.Traces ? Record : Drop;
}
