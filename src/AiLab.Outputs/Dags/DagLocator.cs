using AiLab.Core.Workflows;

namespace AiLab.Outputs.Dags;

/// <summary>Finds the DAG file a command names: a path, or a comparison's name under <c>outputs:</c> in
/// ailab.yaml.</summary>
public static class DagLocator
{
    /// <summary>The DAG file's path: <paramref name="dagOrName"/> itself when no config is given and it is a file;
    /// otherwise the entry of that name in <paramref name="config"/> (default ./ailab.yaml), relative to that
    /// file.</summary>
    /// <exception cref="OutputsInputException">No such file and no such entry; the message lists the
    /// entries.</exception>
    /// <exception cref="ConfigException">The config file is invalid.</exception>
    public static string Resolve(string dagOrName, string? config)
    {
        ArgumentNullException.ThrowIfNull(dagOrName);
        if (config is null && (File.Exists(dagOrName) || !File.Exists("ailab.yaml"))) return dagOrName;
        var file = config ?? "ailab.yaml";
        if (!File.Exists(file))
            throw new OutputsInputException(
                $"{file} not found. Create it with 'ailab outputs init --model M --data D'.");
        var suite = WorkflowConfig.Load(file);
        if (suite.Outputs.TryGetValue(dagOrName, out var path))
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, path);
        throw new OutputsInputException(suite.Outputs.Count == 0
            ? $"'{dagOrName}' is not a DAG file, and {file} names no comparison under 'outputs:'. "
              + "Create one with 'ailab outputs init'."
            : $"'{dagOrName}' is not a DAG file nor a comparison in {file}; it names: "
              + $"{string.Join(", ", suite.Outputs.Keys)}.");
    }
}
