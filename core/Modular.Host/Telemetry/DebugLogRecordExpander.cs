using System.Diagnostics;
using OpenTelemetry;

namespace Modular.Host.Telemetry;

/// <summary>Replaces a span's debug log record by the attributes it stands for, as OTLP and console exporters must see them;
/// before those exporters in the tracer, so that it is done before any of them reads the span (they read on threads of their own).</summary>
/// <remarks>Only in the tracer when some exporter other than the file is in use: the file writes the record as it is.</remarks>
internal sealed class DebugLogRecordExpander : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.GetTagItem(DebugLogRecord.Tag) is DebugLogRecord record)
        {
            // A null value removes the tag.
            data.SetTag(DebugLogRecord.Tag, null);
            record.AddTagsTo(data);
        }
    }
}
