using Keel.Cli;

return await KeelCli.RunAsync(args, CliEnvironment.FromProcess());
