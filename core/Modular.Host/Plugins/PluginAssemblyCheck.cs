using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Modular.Abstractions;

namespace Modular.Host.Plugins;

/// <summary>Checks a plugin folder before anything of it is loaded: its entry assembly, forbidden copies, the contract version.</summary>
internal static class PluginAssemblyCheck
{
    private const string ContractAssembly = "Modular.Abstractions";

    /// <summary>The entry assembly's path, or null with the reason added to <paramref name="problems"/>.</summary>
    public static string? Check(PluginFolder folder, List<string> problems)
    {
        var sharedCopy = Directory.EnumerateFiles(folder.Path, "*.dll").FirstOrDefault(IsSharedAssembly);
        if (sharedCopy is not null)
        {
            // A private copy of a shared assembly splits type identity (notes/platform.md § 1): the host
            // would see the plugin's types as foreign. It comes from a package newer than the host's framework.
            problems.Add($"{folder.Describe(sharedCopy)}: the folder carries its own copy of {Path.GetFileName(sharedCopy)}, which the host shares with every plugin; " +
                $"remove it (reference {ContractAssembly} with Private=false and ExcludeAssets=runtime, and ASP.NET Core through <FrameworkReference Include=\"Microsoft.AspNetCore.App\" />).");
            return null;
        }

        var entry = FindEntryAssembly(folder, problems);
        if (entry is null)
        {
            return null;
        }

        var contractVersion = ReadContractReference(entry, out var notAssembly);
        if (notAssembly is not null)
        {
            problems.Add($"{folder.Describe(entry)}: not a .NET assembly ({notAssembly}).");
            return null;
        }
        if (contractVersion is null)
        {
            problems.Add($"{folder.Describe(entry)}: does not reference {ContractAssembly}, so it has no [assembly: ModularPlugin(...)] attribute; a plugin implements IModularPlugin from {ContractAssembly}.");
            return null;
        }
        if (contractVersion.Major != ContractVersion.Major)
        {
            problems.Add($"{folder.Describe(entry)}: built against plugin contract {contractVersion.Major}.{contractVersion.Minor}, but this host implements contract {ContractVersion.Major}.{ContractVersion.Minor}; rebuild the plugin against {ContractAssembly} {ContractVersion.Major}.x.");
            return null;
        }
        if (contractVersion.Minor > ContractVersion.Minor)
        {
            // A newer minor adds types and members this host does not have: the plugin would fail on first use instead of at start.
            problems.Add($"{folder.Describe(entry)}: built against plugin contract {contractVersion.Major}.{contractVersion.Minor}, newer than this host's {ContractVersion.Major}.{ContractVersion.Minor}; upgrade modular or rebuild the plugin against {ContractAssembly} {ContractVersion.Major}.{ContractVersion.Minor}.");
            return null;
        }
        return entry;
    }

    private static bool IsSharedAssembly(string path)
    {
        var name = Path.GetFileName(path);
        return name.Equals(ContractAssembly + ".dll", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.AspNetCore.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The assembly named by the folder's one <c>*.deps.json</c> (what <c>dotnet build</c>/<c>publish</c> writes), else its one dll.</summary>
    private static string? FindEntryAssembly(PluginFolder folder, List<string> problems)
    {
        var deps = Directory.GetFiles(folder.Path, "*.deps.json");
        if (deps.Length == 1)
        {
            var entry = Path.Combine(folder.Path, Path.GetFileName(deps[0])[..^".deps.json".Length] + ".dll");
            if (File.Exists(entry))
            {
                return entry;
            }
            problems.Add($"{folder.Describe(deps[0])}: names the assembly {Path.GetFileName(entry)}, which is not in the folder.");
            return null;
        }
        var dlls = Directory.GetFiles(folder.Path, "*.dll");
        if (deps.Length == 0 && dlls.Length == 1)
        {
            return dlls[0];
        }
        problems.Add(deps.Length > 1
            ? $"{folder.Describe()}: holds {deps.Length} *.deps.json files; a plugin folder holds one plugin, published with 'dotnet publish -o plugins/{folder.Name}'."
            : $"{folder.Describe()}: holds {dlls.Length} dll files and no *.deps.json, so its entry assembly is unknown; publish the plugin with 'dotnet publish -o plugins/{folder.Name}'.");
        return null;
    }

    private static Version? ReadContractReference(string path, out string? notAssembly)
    {
        notAssembly = null;
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                notAssembly = "a native file without .NET metadata";
                return null;
            }
            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                notAssembly = "a .NET module without an assembly manifest";
                return null;
            }
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.StringComparer.Equals(reference.Name, ContractAssembly))
                {
                    return reference.Version;
                }
            }
            return null;
        }
        catch (BadImageFormatException e)
        {
            notAssembly = e.Message;
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notAssembly = "cannot be read: " + e.Message;
            return null;
        }
    }
}
