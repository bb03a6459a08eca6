namespace Modular.Abstractions;

/// <summary>The version of the plugin contract this assembly defines.</summary>
/// <remarks>
/// It equals the assembly version of Modular.Abstractions, which a plugin records when it is
/// compiled; the loader compares the recorded major version with <see cref="Major"/>.
/// A breaking change to any type in this assembly raises <see cref="Major"/>.
/// </remarks>
public static class ContractVersion
{
    /// <summary>The major version: plugins built against another major are refused.</summary>
    public const int Major = 1;

    /// <summary>The minor version: additions that keep older plugins working.</summary>
    public const int Minor = 5;
}
