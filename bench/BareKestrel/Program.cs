using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Configuration;

// Two baselines, one binary:
//   static <root> <port>  the plain way: UseStaticFiles, ResponseCompression, MapReverseProxy (no routes)
//   proxy <upstream> <port> bare YARP: every request forwarded to the upstream address, YARP's defaults
//   memory <root> <port>  the platform's ceiling: each file's bytes written from memory with the headers
//                         UseStaticFiles would send (Content-Type, Content-Length, Last-Modified, ETag, Accept-Ranges);
//                         to a client accepting gzip, the file's .gz sibling when there is one (like nginx's gzip_static)
if (args.Length != 3 || args[0] is not ("static" or "memory" or "proxy"))
{
    Console.Error.WriteLine("usage: BareKestrel static|memory <root folder> <port> | proxy <upstream address> <port>");
    return 2;
}
var (mode, port) = (args[0], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var root = mode == "proxy" ? "" : Path.GetFullPath(args[1]);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
if (mode == "static")
{
    builder.Services.AddResponseCompression(options => options.Providers.Add<GzipCompressionProvider>());
    builder.Services.AddReverseProxy().LoadFromMemory([], []);
}
else if (mode == "proxy")
{
    builder.Services.AddReverseProxy().LoadFromMemory(
        [new RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new RouteMatch { Path = "/{**catch-all}" } }],
        [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = args[1] } } }]);
}
var app = builder.Build();

if (mode == "proxy")
{
    app.MapReverseProxy();
}
else if (mode == "static")
{
    app.UseResponseCompression();
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) });
    app.UseRouting();
    app.MapReverseProxy();
}
else
{
    var pages = Directory.GetFiles(root).ToDictionary(
        file => "/" + Path.GetFileName(file),
        file => (Bytes: File.ReadAllBytes(file), Modified: File.GetLastWriteTimeUtc(file)));
    app.Run(context =>
    {
        var path = context.Request.Path.Value ?? "";
        if (!pages.TryGetValue(path, out var page))
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
        var headers = context.Response.Headers;
        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal) && pages.TryGetValue(path + ".gz", out var gzipped))
        {
            page = gzipped;
            headers.ContentEncoding = "gzip";
            headers.Vary = "Accept-Encoding";
        }
        headers.ContentType = "text/html";
        headers.ContentLength = page.Bytes.Length;
        headers.LastModified = page.Modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        headers.ETag = "\"1dd7b1181017442\"";
        headers.AcceptRanges = "bytes";
        return context.Response.Body.WriteAsync(page.Bytes).AsTask();
    });
}
await app.RunAsync();
return 0;
