using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;

[assembly: ModularPlugin(typeof(ProbeFixture.ProbeFixture))]

namespace ProbeFixture;

/// <summary>Endpoints the tests need: a slow request (/slow?ms=N), one that reads its whole body (/body-length), text without a charset (/text),
/// a span of the plugin's own ActivitySource (/traced), a response already encoded (/encoded), a streamed one (/stream?lines=N), one held open after its first line until the client leaves (/hold),
/// one setting a cookie (/set-cookie) and one written to BodyWriter without a flush (/pipe).</summary>
/// <remarks>On the admin API: /plugins/probe/setting/{key} reads a setting through the web server's services, /plugins/probe/fail throws.</remarks>
public sealed class ProbeFixture : IModularPlugin, IAdminEndpoints
{
    public string Name => "probe";

    private System.Diagnostics.ActivitySource? source;

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
        source = context.ActivitySource;
    }

    public void Configure(IPipelineBuilder pipeline) => pipeline.Use(PipelineStage.Endpoints, app =>
    {
        app.Map("/slow", branch => branch.Run(async context =>
        {
            var milliseconds = int.Parse(context.Request.Query["ms"].ToString(), CultureInfo.InvariantCulture);
            await Task.Delay(milliseconds, context.RequestAborted);
            await context.Response.WriteAsync("done");
        }));
        app.Map("/traced", branch => branch.Run(context =>
        {
            // A span of the plugin's own, inside the request's.
            using var span = source?.StartActivity("probe.work");
            span?.SetTag("probe.answer", 42);
            return context.Response.WriteAsync("traced");
        }));
        app.Map("/text", branch => branch.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("plain");
        }));
        app.Map("/encoded", branch => branch.Run(async context =>
        {
            // A response its endpoint compressed itself: nothing later may compress it again.
            using var gzipped = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(gzipped, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(new byte[4096]);
            }
            context.Response.ContentType = "text/plain";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(gzipped.ToArray());
        }));
        app.Map("/stream", branch => branch.Run(async context =>
        {
            // ?lines=N lines of text, flushed one by one: a response of unknown length.
            context.Response.ContentType = "text/plain";
            var lines = int.Parse(context.Request.Query["lines"].ToString(), CultureInfo.InvariantCulture);
            for (var i = 0; i < lines; i++)
            {
                await context.Response.WriteAsync($"line {i} of a streamed response\n");
                await context.Response.Body.FlushAsync();
            }
        }));
        app.Map("/hold", branch => branch.Run(async context =>
        {
            // A first line, flushed, then the response held open until the client goes away (30 s at most).
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("first line\n");
            await context.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client left: the request ends here, as the tests expect, not with an application error.
            }
        }));
        app.Map("/set-cookie", branch => branch.Run(context =>
        {
            context.Response.Cookies.Append("probe", "cookie-secret");
            return context.Response.WriteAsync("cookie set");
        }));
        app.Map("/pipe", branch => branch.Run(context =>
        {
            // 5000 bytes through BodyWriter with no flush of its own: the server's end of response must send them.
            context.Response.ContentType = "text/plain";
            var span = context.Response.BodyWriter.GetSpan(5000);
            span[..5000].Fill((byte)'p');
            context.Response.BodyWriter.Advance(5000);
            return Task.CompletedTask;
        }));
        app.Map("/body-length", branch => branch.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            await context.Response.WriteAsync(buffer.Length.ToString(CultureInfo.InvariantCulture));
        }));
    });

    public void MapAdmin(IAdminRoutes routes)
    {
        routes.Map("GET", "setting/{key}", context =>
        {
            // ISettingsView is a service of the web server, not of the admin API's own application.
            var view = context.RequestServices.GetRequiredService<ISettingsView>();
            return context.Response.WriteAsync(view.Value<string>((string)context.Request.RouteValues["key"]!));
        });
        routes.Map("get", "fail", _ => throw new InvalidOperationException("the probe failed on purpose"));
    }
}
