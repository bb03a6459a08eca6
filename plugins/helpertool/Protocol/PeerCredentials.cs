using System.Buffers.Binary;
using System.Net.Sockets;

namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>Who is at the other end of a connected Unix socket, as the kernel says (the peer cannot lie about it).</summary>
/// <param name="ProcessId">The peer's process id, or -1 where the platform does not give it (macOS's xucred).</param>
public sealed record PeerCredentials(uint UserId, uint GroupId, int ProcessId)
{
    /// <summary>Linux: SOL_SOCKET (1), SO_PEERCRED (17), struct ucred {pid_t pid; uid_t uid; gid_t gid}.</summary>
    private const int LinuxSolSocket = 1;
    private const int LinuxPeerCredentials = 17;

    /// <summary>macOS: SOL_LOCAL (0), LOCAL_PEERCRED (1), struct xucred {u_int version; uid_t uid; short ngroups; gid_t groups[16]}:
    /// uid at 4, the effective group groups[0] at 12, 76 bytes.</summary>
    private const int DarwinSolLocal = 0;
    private const int DarwinPeerCredentials = 1;

    public static PeerCredentials Of(Socket unixSocket)
    {
        ArgumentNullException.ThrowIfNull(unixSocket);
        Span<byte> value = stackalloc byte[76];
        if (OperatingSystem.IsMacOS())
        {
            var length = unixSocket.GetRawSocketOption(DarwinSolLocal, DarwinPeerCredentials, value);
            return FromDarwin(value[..length]);
        }
        var read = unixSocket.GetRawSocketOption(LinuxSolSocket, LinuxPeerCredentials, value[..12]);
        return FromLinux(value[..read]);
    }

    internal static PeerCredentials FromLinux(ReadOnlySpan<byte> ucred) => ucred.Length < 12
        ? throw new SocketException((int)SocketError.InvalidArgument)
        : new(BinaryPrimitives.ReadUInt32LittleEndian(ucred[4..]), BinaryPrimitives.ReadUInt32LittleEndian(ucred[8..]), BinaryPrimitives.ReadInt32LittleEndian(ucred));

    internal static PeerCredentials FromDarwin(ReadOnlySpan<byte> xucred) => xucred.Length < 16
        ? throw new SocketException((int)SocketError.InvalidArgument)
        : new(BinaryPrimitives.ReadUInt32LittleEndian(xucred[4..]), BinaryPrimitives.ReadUInt32LittleEndian(xucred[12..]), -1);
}
