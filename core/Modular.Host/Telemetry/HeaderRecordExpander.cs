using System.Diagnostics;
using OpenTelemetry;

namespace Modular.Host.Telemetry;

/// <summary>Replaces a span's header records by an attribute per header, as OTLP and console exporters must see them; first of
/// the tracer's processors, so that it is done before any exporter reads the span (exporters read on threads of their own).</summary>
/// <remarks>Only in the tracer when some exporter other than the file is in use: the file writes the records as they are.</remarks>
internal sealed class HeaderRecordExpander : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        Expand(data, HeaderRecord.RequestTag);
        Expand(data, HeaderRecord.ResponseTag);
    }

    private static void Expand(Activity activity, string tag)
    {
        if (activity.GetTagItem(tag) is HeaderRecord record)
        {
            // A null value removes the tag.
            activity.SetTag(tag, null);
            record.AddTagsTo(activity);
        }
    }
}
