namespace Modular.Abstractions;

/// <summary>What is known about a remote user session (4D's <c>Session.info</c> of a remote user, contract 1.4).</summary>
/// <param name="UserName">The user name the client gave when it connected.</param>
/// <param name="MachineName">The client machine's name, as the client gave it.</param>
/// <param name="IPAddress">The client's address, as the server saw it.</param>
/// <param name="CreationDateTime">When the connection was opened.</param>
/// <param name="State">"active" while the connection is open, "closed" once it was closed or ended by an operator.</param>
public sealed record RemoteUserInfo(string UserName, string MachineName, string IPAddress, DateTimeOffset CreationDateTime, string State);
