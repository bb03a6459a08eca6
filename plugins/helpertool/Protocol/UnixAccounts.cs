using System.Runtime.InteropServices;

namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>Users and groups as the system resolves them (getpwnam(3), getgrnam(3), getgrouplist(3)), so that names from NSS or
/// macOS's directory services work, not only /etc/passwd.</summary>
/// <remarks>In struct passwd the uid and gid follow two pointers (offsets 16 and 20), in struct group the gid follows two
/// pointers (offset 16), on 64-bit glibc and macOS alike. The calls return static storage: one at a time.</remarks>
public static unsafe partial class UnixAccounts
{
    private static readonly Lock Gate = new();

    public static uint EffectiveUserId => GetEffectiveUserId();

    /// <summary>The user id named by <paramref name="name"/> (a name or a number), or null when there is no such user.</summary>
    public static uint? UserId(string name)
    {
        if (uint.TryParse(name, out var id))
        {
            return id;
        }
        lock (Gate)
        {
            var entry = GetPasswordByName(name);
            return entry == null ? null : *(uint*)(entry + 16);
        }
    }

    /// <summary>The group id named by <paramref name="name"/> (a name or a number), or null when there is no such group.</summary>
    public static uint? GroupId(string name)
    {
        if (uint.TryParse(name, out var id))
        {
            return id;
        }
        lock (Gate)
        {
            var entry = GetGroupByName(name);
            return entry == null ? null : *(uint*)(entry + 16);
        }
    }

    /// <summary>The user's name, or its number when it has none.</summary>
    public static string UserName(uint userId)
    {
        lock (Gate)
        {
            var entry = GetPasswordById(userId);
            return entry == null ? userId.ToString(System.Globalization.CultureInfo.InvariantCulture) : Marshal.PtrToStringUTF8(*(nint*)entry) ?? "";
        }
    }

    /// <summary>The user's primary group id, or null when there is no such user.</summary>
    public static uint? PrimaryGroupId(string name)
    {
        lock (Gate)
        {
            var entry = uint.TryParse(name, out var id) ? GetPasswordById(id) : GetPasswordByName(name);
            return entry == null ? null : *(uint*)(entry + 20);
        }
    }

    /// <summary>The group's name, or its number when it has none.</summary>
    public static string GroupName(uint groupId)
    {
        lock (Gate)
        {
            var entry = GetGroupById(groupId);
            return entry == null ? groupId.ToString(System.Globalization.CultureInfo.InvariantCulture) : Marshal.PtrToStringUTF8(*(nint*)entry) ?? "";
        }
    }

    /// <summary>Every group the user belongs to: its primary group, <paramref name="primaryGroup"/> and its supplementary groups.</summary>
    public static IReadOnlySet<uint> Groups(uint userId, uint primaryGroup)
    {
        var groups = new HashSet<uint> { primaryGroup };
        lock (Gate)
        {
            var entry = GetPasswordById(userId);
            if (entry == null)
            {
                return groups;
            }
            var name = *(byte**)entry;
            var count = 256;
            var found = stackalloc uint[count];
            if (GetGroupList(name, primaryGroup, found, &count) >= 0)
            {
                for (var i = 0; i < count; i++)
                {
                    groups.Add(found[i]);
                }
            }
        }
        return groups;
    }

    /// <summary>Gives <paramref name="path"/> to root and <paramref name="groupId"/> (0: root's group, wheel on macOS).</summary>
    public static void GiveToGroup(string path, uint groupId)
    {
        if (ChangeOwner(path, 0, groupId) != 0)
        {
            throw new IOException($"cannot give {path} to group {groupId}: error {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* GetPasswordByName(string name);

    [LibraryImport("libc", EntryPoint = "getpwuid")]
    private static partial byte* GetPasswordById(uint userId);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* GetGroupByName(string name);

    [LibraryImport("libc", EntryPoint = "getgrgid")]
    private static partial byte* GetGroupById(uint groupId);

    [LibraryImport("libc", EntryPoint = "getgrouplist")]
    private static partial int GetGroupList(byte* user, uint group, uint* groups, int* count);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ChangeOwner(string path, uint owner, uint group);
}
