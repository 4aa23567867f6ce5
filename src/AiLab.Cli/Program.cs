using AiLab.Cli;

return await AiLabCli.RunAsync(args).ConfigureAwait(false);
