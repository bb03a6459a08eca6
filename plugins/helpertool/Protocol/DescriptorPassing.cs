using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>Sends and receives one descriptor with a message over a connected Unix socket (SCM_RIGHTS): .NET has no managed API
/// for ancillary data (dotnet/runtime#932), so this calls libc's sendmsg and recvmsg with each platform's msghdr.</summary>
public static unsafe partial class DescriptorPassing
{
    /// <summary>MSG_CMSG_CLOEXEC (Linux): the received descriptor is close-on-exec from the start, as .NET's own are.</summary>
    private const int LinuxCloseOnExec = 0x40000000;

    /// <summary>FIOCLEX on macOS (_IO('f', 1)), which has no MSG_CMSG_CLOEXEC; ioctl rather than fcntl because a variadic
    /// argument cannot be passed through P/Invoke on Apple's arm64, and FIOCLEX takes none.</summary>
    private const nuint DarwinFioclex = 0x20006601;

    /// <summary>Sends <paramref name="message"/> with <paramref name="descriptor"/> attached; the receiver gets its own copy.</summary>
    public static void Send(Socket unixSocket, ReadOnlySpan<byte> message, SafeHandle descriptor)
    {
        ArgumentNullException.ThrowIfNull(unixSocket);
        ArgumentNullException.ThrowIfNull(descriptor);
        var layout = ControlMessage.Current;
        Span<byte> control = stackalloc byte[layout.Space];
        var added = false;
        descriptor.DangerousAddRef(ref added);
        try
        {
            layout.Write(control, (int)descriptor.DangerousGetHandle());
            fixed (byte* data = message)
            fixed (byte* controlData = control)
            {
                var vector = new IoVector { Base = data, Length = (nuint)message.Length };
                var sent = OperatingSystem.IsMacOS()
                    ? Darwin(unixSocket, &vector, controlData, layout.Space)
                    : Linux(unixSocket, &vector, controlData, layout.Space);
                if (sent < 0)
                {
                    throw new SocketException(Marshal.GetLastPInvokeError());
                }
                if (sent < message.Length)
                {
                    // The descriptor went with the first part; the rest is plain data.
                    unixSocket.Send(message[(int)sent..]);
                }
            }
        }
        finally
        {
            if (added)
            {
                descriptor.DangerousRelease();
            }
        }

        static nint Linux(Socket socket, IoVector* vector, byte* control, int space)
        {
            var header = new LinuxMessageHeader { Vectors = vector, VectorCount = 1, Control = control, ControlLength = (nuint)space };
            return SendMessage((int)socket.Handle, &header, 0);
        }

        static nint Darwin(Socket socket, IoVector* vector, byte* control, int space)
        {
            var header = new DarwinMessageHeader { Vectors = vector, VectorCount = 1, Control = control, ControlLength = (uint)space };
            return SendMessage((int)socket.Handle, &header, 0);
        }
    }

    /// <summary>Receives up to <paramref name="buffer"/>'s length of bytes and the descriptor sent with them, if any (-1 otherwise);
    /// the byte count, 0 when the peer closed. Blocks: poll first.</summary>
    public static int Receive(Socket unixSocket, Span<byte> buffer, out int descriptor)
    {
        ArgumentNullException.ThrowIfNull(unixSocket);
        var layout = ControlMessage.Current;
        Span<byte> control = stackalloc byte[layout.Space];
        control.Clear();
        fixed (byte* data = buffer)
        fixed (byte* controlData = control)
        {
            var vector = new IoVector { Base = data, Length = (nuint)buffer.Length };
            nint received;
            int controlLength;
            if (OperatingSystem.IsMacOS())
            {
                var header = new DarwinMessageHeader { Vectors = &vector, VectorCount = 1, Control = controlData, ControlLength = (uint)layout.Space };
                received = ReceiveMessage((int)unixSocket.Handle, &header, 0);
                controlLength = (int)header.ControlLength;
            }
            else
            {
                var header = new LinuxMessageHeader { Vectors = &vector, VectorCount = 1, Control = controlData, ControlLength = (nuint)layout.Space };
                received = ReceiveMessage((int)unixSocket.Handle, &header, LinuxCloseOnExec);
                controlLength = (int)header.ControlLength;
            }
            if (received < 0)
            {
                throw new SocketException(Marshal.GetLastPInvokeError());
            }
            descriptor = layout.Read(control, controlLength);
            if (descriptor >= 0 && OperatingSystem.IsMacOS())
            {
                _ = IoControl(descriptor, DarwinFioclex);
            }
            return (int)received;
        }
    }

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMessage(int socket, void* header, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint ReceiveMessage(int socket, void* header, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoControl(int descriptor, nuint request);
}
