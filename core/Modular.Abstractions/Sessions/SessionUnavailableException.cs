namespace Modular.Abstractions;

/// <summary>The session store cannot be reached: the request that needs its session gets 503 (contract 1.2).</summary>
public sealed class SessionUnavailableException : Exception
{
    public SessionUnavailableException()
    {
    }

    public SessionUnavailableException(string message)
        : base(message)
    {
    }

    public SessionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
