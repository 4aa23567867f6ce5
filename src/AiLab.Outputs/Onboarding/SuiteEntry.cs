using System.Text.RegularExpressions;
using AiLab.Core.Workflows;

namespace AiLab.Outputs.Onboarding;

/// <summary>Adds a comparison to the <c>outputs:</c> section of <c>ailab.yaml</c>, keeping the rest of the file as the
/// owner wrote it (comments included), and checks that the file still loads.</summary>
public static partial class SuiteEntry
{
    /// <summary>Adds <c>name: dag</c> (the DAG's path relative to the config's folder); creates the file when
    /// missing.</summary>
    /// <exception cref="OutputsInputException">The name is taken, or the file would not load afterwards (it is then
    /// left as it was).</exception>
    public static void Add(string configPath, string name, string dagPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        var relative = Path.GetRelativePath(folder, Path.GetFullPath(dagPath)).Replace('\\', '/');
        var line = $"  {name}: {relative}";
        var before = File.Exists(configPath) ? File.ReadAllText(configPath) : null;
        if (before is not null && Load(configPath).Outputs.ContainsKey(name))
            throw new OutputsInputException(
                $"{configPath} already has a comparison '{name}' under 'outputs:'. Remove it, or pass --no-config.");
        string after;
        if (before is null) after = $"version: 1\noutputs:\n{line}\n";
        else if (OutputsLine().Match(before) is { Success: true } m)
            after = before.Insert(m.Index + m.Length, line + "\n");
        else after = before + (before.EndsWith('\n') || before.Length == 0 ? "" : "\n") + $"outputs:\n{line}\n";
        File.WriteAllText(configPath, after);
        try
        {
            Load(configPath);
        }
        catch (OutputsInputException)
        {
            if (before is null) File.Delete(configPath);
            else File.WriteAllText(configPath, before);
            throw;
        }
    }

    private static WorkflowSuite Load(string configPath)
    {
        try
        {
            return WorkflowConfig.Load(configPath);
        }
        catch (ConfigException e)
        {
            throw new OutputsInputException(
                $"{configPath} does not load ({e.Message}); fix it first, or pass --config another file.");
        }
    }

    [GeneratedRegex(@"^outputs:[ \t]*\r?\n", RegexOptions.Multiline)]
    private static partial Regex OutputsLine();
}
