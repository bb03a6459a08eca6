using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Modular.Plugins.HelperTool.Protocol;
using Modular.Testing;

namespace Modular.Plugins.HelperTool.Tests;

/// <summary>The interop the helper and the plugin share: both platforms' struct layouts (macOS's checked here without a Mac), and
/// a real descriptor passed over a real Unix socket.</summary>
public sealed class ProtocolTests : FolderTests
{
    [Fact]
    public void The_linux_msghdr_is_glibcs_56_bytes_with_size_t_lengths()
    {
        Assert.Equal(56, Unsafe.SizeOf<LinuxMessageHeader>());
        Assert.Equal(16, (int)Marshal.OffsetOf<LinuxMessageHeader>(nameof(LinuxMessageHeader.Vectors)));
        Assert.Equal(24, (int)Marshal.OffsetOf<LinuxMessageHeader>(nameof(LinuxMessageHeader.VectorCount)));
        Assert.Equal(32, (int)Marshal.OffsetOf<LinuxMessageHeader>(nameof(LinuxMessageHeader.Control)));
        Assert.Equal(40, (int)Marshal.OffsetOf<LinuxMessageHeader>(nameof(LinuxMessageHeader.ControlLength)));
        Assert.Equal(48, (int)Marshal.OffsetOf<LinuxMessageHeader>(nameof(LinuxMessageHeader.Flags)));
    }

    [Fact]
    public void The_macos_msghdr_is_xnus_48_bytes_with_int_lengths()
    {
        Assert.Equal(48, Unsafe.SizeOf<DarwinMessageHeader>());
        Assert.Equal(16, (int)Marshal.OffsetOf<DarwinMessageHeader>(nameof(DarwinMessageHeader.Vectors)));
        Assert.Equal(24, (int)Marshal.OffsetOf<DarwinMessageHeader>(nameof(DarwinMessageHeader.VectorCount)));
        Assert.Equal(32, (int)Marshal.OffsetOf<DarwinMessageHeader>(nameof(DarwinMessageHeader.Control)));
        Assert.Equal(40, (int)Marshal.OffsetOf<DarwinMessageHeader>(nameof(DarwinMessageHeader.ControlLength)));
        Assert.Equal(44, (int)Marshal.OffsetOf<DarwinMessageHeader>(nameof(DarwinMessageHeader.Flags)));
        Assert.Equal(16, Unsafe.SizeOf<IoVector>());
    }

    [Fact]
    public void The_linux_control_message_has_a_size_t_length_and_8_byte_alignment()
    {
        var buffer = new byte[ControlMessage.Linux.Space];

        ControlMessage.Linux.Write(buffer, 7);

        Assert.Equal(24, ControlMessage.Linux.Space);
        Assert.Equal(20UL, BinaryPrimitives.ReadUInt64LittleEndian(buffer));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(8)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(12)));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(16)));
        Assert.Equal(7, ControlMessage.Linux.Read(buffer, 24));
    }

    [Fact]
    public void The_macos_control_message_has_a_32_bit_length_and_sol_socket_0xffff()
    {
        var buffer = new byte[ControlMessage.MacOS.Space];

        ControlMessage.MacOS.Write(buffer, 9);

        Assert.Equal(16, ControlMessage.MacOS.Space);
        Assert.Equal(16U, BinaryPrimitives.ReadUInt32LittleEndian(buffer));
        Assert.Equal(0xffff, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(4)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(8)));
        Assert.Equal(9, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(12)));
        Assert.Equal(9, ControlMessage.MacOS.Read(buffer, 16));
    }

    [Fact]
    public void A_control_message_of_another_level_type_or_length_carries_no_descriptor()
    {
        var linux = new byte[ControlMessage.Linux.Space];
        ControlMessage.MacOS.Write(linux, 9);
        var truncated = new byte[ControlMessage.Linux.Space];
        ControlMessage.Linux.Write(truncated, 9);

        Assert.Equal(-1, ControlMessage.Linux.Read(linux, linux.Length));
        Assert.Equal(-1, ControlMessage.Linux.Read(truncated, 12));
        Assert.Equal(-1, ControlMessage.Linux.Read(new byte[24], 0));
    }

    [Fact]
    public void Peer_credentials_are_read_from_linux_ucred_and_macos_xucred()
    {
        var ucred = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(ucred, 4321);
        BinaryPrimitives.WriteUInt32LittleEndian(ucred.AsSpan(4), 1000);
        BinaryPrimitives.WriteUInt32LittleEndian(ucred.AsSpan(8), 100);
        var xucred = new byte[76];
        BinaryPrimitives.WriteUInt32LittleEndian(xucred, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(xucred.AsSpan(4), 501);
        BinaryPrimitives.WriteInt16LittleEndian(xucred.AsSpan(8), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(xucred.AsSpan(12), 20);

        Assert.Equal(new PeerCredentials(1000, 100, 4321), PeerCredentials.FromLinux(ucred));
        Assert.Equal(new PeerCredentials(501, 20, -1), PeerCredentials.FromDarwin(xucred));
    }

    [Fact]
    public async Task A_listening_socket_passed_over_a_unix_socket_keeps_listening_in_the_receiver()
    {
        var (sender, receiver) = await ConnectedPairAsync();
        using var senderEnd = sender;
        using var receiverEnd = receiver;
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcp.Listen();

        DescriptorPassing.Send(sender, Encoding.UTF8.GetBytes("here\n"), tcp.SafeHandle);
        var buffer = new byte[16];
        var read = DescriptorPassing.Receive(receiver, buffer, out var descriptor);
        var credentials = PeerCredentials.Of(receiver);
        tcp.Dispose();
        using var received = new Socket(new SafeSocketHandle(descriptor, ownsHandle: true));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync((IPEndPoint)received.LocalEndPoint!);
        using var accepted = await received.AcceptAsync();

        Assert.Equal("here\n", Encoding.UTF8.GetString(buffer, 0, read));
        Assert.Equal(client.LocalEndPoint, accepted.RemoteEndPoint);
        Assert.Equal(new PeerCredentials(0, 0, Environment.ProcessId), credentials);
    }

    [Fact]
    public async Task A_message_without_a_descriptor_is_received_with_none()
    {
        var (sender, receiver) = await ConnectedPairAsync();
        using var senderEnd = sender;
        using var receiverEnd = receiver;

        sender.Send("plain\n"u8);
        var buffer = new byte[16];
        var read = DescriptorPassing.Receive(receiver, buffer, out var descriptor);

        Assert.Equal("plain\n", Encoding.UTF8.GetString(buffer, 0, read));
        Assert.Equal(-1, descriptor);
    }

    /// <summary>Two ends of one Unix stream connection.</summary>
    private async Task<(Socket Sender, Socket Receiver)> ConnectedPairAsync()
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Folder.Combine("pair.sock")));
        listener.Listen();
        var sender = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await sender.ConnectAsync(new UnixDomainSocketEndPoint(Folder.Combine("pair.sock")));
        return (sender, await listener.AcceptAsync());
    }
}
