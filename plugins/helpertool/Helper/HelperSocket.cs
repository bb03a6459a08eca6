using System.Globalization;
using System.Net.Sockets;
using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Helper;

/// <summary>The Unix socket the helper listens on: handed over by systemd (the socket unit), or made here with mode 0660 and the
/// group whose members may connect.</summary>
internal static class HelperSocket
{
    /// <summary>The listening socket, and whether it was created here (and is to be removed at exit).</summary>
    public static (Socket Listener, bool Created) Open(HelperCommandLine options)
    {
        if (FromSystemd() is { } handed)
        {
            return (handed, false);
        }
        if (options.Group is null)
        {
            throw new IOException("name the group whose members may connect to the socket: --group NAME (or let systemd hand the socket over)");
        }
        var group = UnixAccounts.GroupId(options.Group) ?? throw new IOException($"--group {options.Group}: no such group on this system");
        if (File.Exists(options.SocketPath) || Directory.Exists(options.SocketPath))
        {
            if (Answers(options.SocketPath))
            {
                throw new IOException($"another helper already listens on {options.SocketPath}");
            }
            // Left by a helper that did not stop cleanly.
            File.Delete(options.SocketPath);
        }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(options.SocketPath));
            UnixAccounts.GiveToGroup(options.SocketPath, group);
            File.SetUnixFileMode(options.SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            listener.Listen(HelperServer.MaxClients);
            return (listener, true);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>The Unix socket of a socket unit (LISTEN_FDS=1, descriptor 3), or null when not socket-activated.</summary>
    private static Socket? FromSystemd()
    {
        var pid = Environment.GetEnvironmentVariable("LISTEN_PID");
        var count = Environment.GetEnvironmentVariable("LISTEN_FDS");
        if (pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture) || count is null)
        {
            return null;
        }
        if (count != "1")
        {
            throw new IOException($"systemd handed over {count} sockets; the helper's socket unit has one ListenStream");
        }
        var socket = new Socket(new SafeSocketHandle(3, ownsHandle: true));
        return socket.AddressFamily == AddressFamily.Unix ? socket : throw new IOException("the socket systemd handed over is not a Unix socket");
    }

    private static bool Answers(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
