namespace Modular.Testing;

/// <summary>Base of test classes whose tests each get a fresh settings folder (xunit makes one instance per test).</summary>
public abstract class FolderTests : IDisposable
{
    internal TempFolder Folder { get; } = new();

    public void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
