using System.CommandLine;
using Modular.Host.Cli;

// The host, not System.CommandLine, handles Ctrl+C and SIGTERM: it stops accepting, lets requests in
// flight finish, and `run` then exits 0 (System.CommandLine would give up after 2 seconds).
return await ModularCommandLine.Create(args).Parse(args)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null })
    .ConfigureAwait(false);
