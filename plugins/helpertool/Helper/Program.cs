using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Modular.Plugins.HelperTool.Protocol;
using Modular.Plugins.HelperTool.Helper;

if (HelperCommandLine.Parse(args, out var problem) is not { } options)
{
    Console.Error.WriteLine($"modular-helper: {problem}\n{HelperCommandLine.Usage}");
    return 2;
}
if (options.CheckOnly)
{
    try
    {
        HelperPolicy.Load(options.PolicyPath);
        Console.WriteLine($"{options.PolicyPath}: valid");
        return 0;
    }
    catch (PolicyException e)
    {
        Console.Error.WriteLine($"modular-helper: {e.Message}");
        return 1;
    }
}
if (UnixAccounts.EffectiveUserId != 0)
{
    Console.Error.WriteLine("modular-helper: must run as root, which it needs to bind ports below 1024; install it with `sudo modular helper install`.");
    return 2;
}

Socket listener;
var created = false;
try
{
    (listener, created) = HelperSocket.Open(options);
}
catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"modular-helper: {e.Message}");
    return 1;
}

using var stop = new CancellationTokenSource();
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
HelperLog.Write(string.Create(CultureInfo.InvariantCulture, $"listening on {(created ? options.SocketPath : "the socket systemd handed over")}, policy {options.PolicyPath}"));
try
{
    await new HelperServer(listener, options.PolicyPath).RunAsync(stop.Token).ConfigureAwait(false);
}
finally
{
    listener.Dispose();
    if (created)
    {
        File.Delete(options.SocketPath);
    }
    HelperLog.Write("stopped");
}
return 0;
