using System.Buffers.Binary;

namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>The SCM_RIGHTS control message carrying one descriptor, in the two 64-bit layouts it has (sys/socket.h).</summary>
/// <remarks>
/// Linux (glibc): cmsghdr is {size_t len; int level; int type}, 16 bytes, data aligned to 8: CMSG_LEN(4) = 20, CMSG_SPACE(4) = 24;
/// SOL_SOCKET = 1. macOS (xnu): {socklen_t len; int level; int type}, 12 bytes, aligned to 4: CMSG_LEN(4) = CMSG_SPACE(4) = 16;
/// SOL_SOCKET = 0xffff. SCM_RIGHTS = 1 on both (notes/platform.md § 8).
/// </remarks>
public sealed class ControlMessage
{
    private const int ScmRights = 1;

    public static ControlMessage Linux { get; } = new(headerLength: 16, lengthIsSizeT: true, solSocket: 1, space: 24);

    public static ControlMessage MacOS { get; } = new(headerLength: 12, lengthIsSizeT: false, solSocket: 0xffff, space: 16);

    /// <summary>The layout of the platform this runs on.</summary>
    public static ControlMessage Current => OperatingSystem.IsMacOS() ? MacOS : Linux;

    private readonly int headerLength;
    private readonly bool lengthIsSizeT;
    private readonly int solSocket;

    private ControlMessage(int headerLength, bool lengthIsSizeT, int solSocket, int space)
    {
        this.headerLength = headerLength;
        this.lengthIsSizeT = lengthIsSizeT;
        this.solSocket = solSocket;
        Space = space;
    }

    /// <summary>CMSG_SPACE(sizeof(int)): the control buffer's size for one descriptor.</summary>
    public int Space { get; }

    /// <summary>CMSG_LEN(sizeof(int)): the header's length field.</summary>
    public int Length => headerLength + sizeof(int);

    /// <summary>Writes the message carrying <paramref name="descriptor"/> into <paramref name="buffer"/> (<see cref="Space"/> bytes).</summary>
    public void Write(Span<byte> buffer, int descriptor)
    {
        buffer[..Space].Clear();
        if (lengthIsSizeT)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, (ulong)Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)Length);
        }
        var rest = buffer[(lengthIsSizeT ? 8 : 4)..];
        BinaryPrimitives.WriteInt32LittleEndian(rest, solSocket);
        BinaryPrimitives.WriteInt32LittleEndian(rest[4..], ScmRights);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[headerLength..], descriptor);
    }

    /// <summary>The descriptor in a received control buffer of <paramref name="received"/> bytes, or -1 when it carries none.</summary>
    public int Read(ReadOnlySpan<byte> buffer, int received)
    {
        if (received < Length)
        {
            return -1;
        }
        var length = lengthIsSizeT ? (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer) : BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        var rest = buffer[(lengthIsSizeT ? 8 : 4)..];
        var level = BinaryPrimitives.ReadInt32LittleEndian(rest);
        var type = BinaryPrimitives.ReadInt32LittleEndian(rest[4..]);
        return length == Length && level == solSocket && type == ScmRights ? BinaryPrimitives.ReadInt32LittleEndian(buffer[headerLength..]) : -1;
    }
}
