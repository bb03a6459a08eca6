using System.Runtime.InteropServices;

namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>struct msghdr on 64-bit glibc: 56 bytes (name length padded to 8, iovlen and controllen are size_t).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LinuxMessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct msghdr on 64-bit macOS: 48 bytes (iovlen is int, controllen socklen_t).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DarwinMessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public int VectorCount;
    public void* Control;
    public uint ControlLength;
    public int Flags;
}

/// <summary>struct iovec, the same on both: {void* base; size_t len}.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public void* Base;
    public nuint Length;
}
