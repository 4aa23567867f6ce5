using AiLab.Bench;

var commands = typeof(Program).Assembly.GetTypes()
    .Where(t => typeof(IBenchCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length == 0 ? null : commands.FirstOrDefault(c => c.Name == args[0]);
if (chosen is null)
{
    Console.Error.WriteLine(args.Length == 0 ? "usage: ailab-bench COMMAND [ARGS]" : $"ailab-bench: unknown command '{args[0]}'");
    foreach (var c in commands) Console.Error.WriteLine($"  {c.Name,-24} {c.Description}");
    return 2;
}

return chosen.Run(args.Skip(1).ToList());
