using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Modular.Abstractions;

namespace Modular.Host.Listening;

/// <summary>Listening sockets handed over by systemd socket activation (<c>LISTEN_FDS</c>, sd_listen_fds(3)), the Linux way to
/// serve a port below 1024 from an unprivileged process: a socket unit binds it, the service gets it as descriptor 3 and up.</summary>
/// <remarks>
/// Read once per process, then the variables are removed so that child processes do not believe they were activated (as
/// sd_listen_fds(1) does). Kestrel closes what it is given when it stops listening, and the web server may start again inside
/// the process (admin API): it gets a duplicate each time and the inherited socket stays open.
/// </remarks>
internal sealed partial class SystemdSocketActivation : IListenSocketProvider
{
    /// <summary>SD_LISTEN_FDS_START: the first inherited descriptor.</summary>
    private const int FirstDescriptor = 3;

    private readonly IReadOnlyList<Socket> sockets;

    private SystemdSocketActivation(IReadOnlyList<Socket> sockets) => this.sockets = sockets;

    /// <summary>This process's inherited sockets (none when it was not socket-activated).</summary>
    public static SystemdSocketActivation Inherited { get; } = FromEnvironment();

    public int Count => sockets.Count;

    public Socket? TryProvide(IPEndPoint endpoint)
    {
        var inherited = sockets.FirstOrDefault(socket => Equals(socket.LocalEndPoint, endpoint))
            // A socket unit with ListenStream=0.0.0.0:80 serves an any-address endpoint on IPv4 only: that is the operator's choice.
            ?? (endpoint.Address.Equals(IPAddress.IPv6Any) ? sockets.FirstOrDefault(socket => Equals(socket.LocalEndPoint, new IPEndPoint(IPAddress.Any, endpoint.Port))) : null);
        return inherited is null ? null : Duplicate(inherited);
    }

    private static SystemdSocketActivation FromEnvironment()
    {
        var pid = Environment.GetEnvironmentVariable("LISTEN_PID");
        var count = Environment.GetEnvironmentVariable("LISTEN_FDS");
        if (!OperatingSystem.IsLinux() || pid is null || count is null)
        {
            return new([]);
        }
        Environment.SetEnvironmentVariable("LISTEN_PID", null);
        Environment.SetEnvironmentVariable("LISTEN_FDS", null);
        Environment.SetEnvironmentVariable("LISTEN_FDNAMES", null);
        // The variables name one process: a child that inherited them from its activated parent owns no descriptor.
        if (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var listenPid) || listenPid != Environment.ProcessId
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var listenFds))
        {
            return new([]);
        }
        var sockets = new List<Socket>();
        for (var descriptor = FirstDescriptor; descriptor < FirstDescriptor + listenFds; descriptor++)
        {
            var socket = new Socket(new SafeSocketHandle(descriptor, ownsHandle: true));
            // A socket unit may also hand datagram or Unix sockets (ListenDatagram, ListenStream=/path): only TCP ones serve HTTP.
            if (socket.SocketType == SocketType.Stream && socket.LocalEndPoint is IPEndPoint)
            {
                sockets.Add(socket);
            }
        }
        return new(sockets);
    }

    /// <summary>A second descriptor of the same listening socket, for Kestrel to close when it is done; close-on-exec, as .NET's
    /// own descriptors are, so that no child process inherits it.</summary>
    private static Socket Duplicate(Socket inherited)
    {
        var copy = DuplicateCloseOnExec((int)inherited.Handle, FcntlDuplicateCloseOnExec, FirstDescriptor);
        if (copy < 0)
        {
            throw new ListenSocketUnavailableException($"cannot duplicate the socket systemd handed over for {inherited.LocalEndPoint}: error {Marshal.GetLastPInvokeError()}");
        }
        return new Socket(new SafeSocketHandle(copy, ownsHandle: true));
    }

    /// <summary>F_DUPFD_CLOEXEC (Linux).</summary>
    private const int FcntlDuplicateCloseOnExec = 1030;

    /// <summary>fcntl(2) is variadic; on Linux's x64 and arm64 calling conventions its int argument travels as a fixed one would.</summary>
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int DuplicateCloseOnExec(int descriptor, int command, int lowest);
}
