using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Modular.Host.Hosting;

/// <summary>The one logger factory of a server, created before the host so start-up steps and plugins log the same way.</summary>
internal static class HostLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(logging => logging
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        })
        .SetMinimumLevel(LogLevel.Information)
        // The framework's own information lines repeat what Modular says in its own words.
        .AddFilter("Microsoft", LogLevel.Warning)
        // YARP says "Proxying to ..." for every request at Information; its warnings and errors stay.
        .AddFilter("Yarp", LogLevel.Warning)
        // A failed start is reported once, as Modular's own list of problems, not also as the host's stack trace.
        .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical)
        // Any level enabled here makes ASP.NET start an Activity and a log scope for every request
        // (HostingApplicationDiagnostics): 5 to 7 % of the static path (bench/run.sh, dotnet-trace).
        // It only logs request start and finish; failures are Kestrel's to log.
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
}
