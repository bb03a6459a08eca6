namespace Modular.Host.Hosting;

/// <summary>The server cannot start as configured; <see cref="Errors"/> lists every reason found.</summary>
public sealed class StartupException(IReadOnlyList<string> errors, Exception? inner = null)
    : Exception(string.Join(Environment.NewLine, errors), inner)
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
