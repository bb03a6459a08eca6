namespace Modular.Testing;

/// <summary>Base of test classes whose tests each get a fresh settings folder (xunit makes one instance per test).</summary>
public abstract class FolderTests : IDisposable
{
    internal TempFolder Folder { get; } = new();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Folder.Dispose();
        }
    }
}
