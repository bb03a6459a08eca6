using System.Globalization;

namespace Modular.Plugins.HelperTool.Listening;

/// <summary>Whether this process may bind a port itself, so that the helper is asked only when it must be.</summary>
internal static class BindPrivilege
{
    /// <summary>CAP_NET_BIND_SERVICE's bit in /proc/self/status's CapEff (linux/capability.h).</summary>
    private const int NetBindServiceBit = 10;

    /// <summary>Linux: the port is at or above net.ipv4.ip_unprivileged_port_start (of this network namespace), or the process has
    /// CAP_NET_BIND_SERVICE (root normally has it; root in a container may not). macOS: below 1024, only root.</summary>
    public static bool CanBind(int port)
    {
        if (OperatingSystem.IsMacOS())
        {
            return port >= 1024 || Environment.UserName == "root";
        }
        return port >= UnprivilegedPortStart() || HasNetBindService();
    }

    private static int UnprivilegedPortStart()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_unprivileged_port_start").Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Kernels before 4.11 have no such setting: the rule was 1024.
            return 1024;
        }
    }

    private static bool HasNetBindService()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("CapEff:", StringComparison.Ordinal));
            return line is not null && (ulong.Parse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << NetBindServiceBit)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return false;
        }
    }
}
