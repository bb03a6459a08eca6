namespace Modular.Host.Proxy;

/// <summary>YARP's validation errors as one line: it reports each bad route or cluster as an inner exception of a general one.</summary>
internal static class ProxyErrors
{
    public static string Describe(Exception exception)
    {
        var causes = exception is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.Select(e => e.Message)
            : exception.InnerException is { } inner ? [exception.Message, inner.Message] : [exception.Message];
        return string.Join("; ", causes.Distinct());
    }
}
