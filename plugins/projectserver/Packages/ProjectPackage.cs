namespace Modular.Plugins.ProjectServer.Packages;

/// <summary>One built version of a project's remote package: a zip file that is never changed once it has its name.</summary>
/// <param name="Version">The first 16 hexadecimal digits of <paramref name="Sha256"/>: the same files give the same version.</param>
/// <param name="Sha256">The package's SHA-256, in lowercase hexadecimal; clients check their download against it.</param>
internal sealed record ProjectPackage(string Version, string Sha256, string Path, long Size, int Files, DateTimeOffset BuiltAt, TimeSpan BuildTime);
