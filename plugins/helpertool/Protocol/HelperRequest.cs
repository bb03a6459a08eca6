namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>What the server asks the helper: a TCP socket bound to <paramref name="Address"/> and <paramref name="Port"/>, listening.</summary>
/// <param name="Address">An IPv4 or IPv6 address; <c>::</c> asks for every address of both families (dual mode).</param>
public sealed record HelperRequest(string Address, int Port);

/// <summary>The helper's answer: <paramref name="Error"/> null when the socket comes with it (as SCM_RIGHTS ancillary data),
/// otherwise why it was refused.</summary>
public sealed record HelperAnswer(string? Error);
