namespace Modular.Abstractions;

/// <summary>The request feature a sessions plugin sets in the Session stage; <see cref="ISessionAccessor"/> reads it (contract 1.2).</summary>
public interface IWebSessionFeature
{
    /// <summary>The request's session, found or made on the first call and the same object after that.</summary>
    ValueTask<IWebSession> GetAsync();
}
