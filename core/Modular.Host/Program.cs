using Modular.Host.Cli;

return await ModularCommandLine.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
