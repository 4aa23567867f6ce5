using AiLab.Core.Workflows.Loading;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows;

/// <summary>Reads and validates <c>ailab.yaml</c> (format: docs/ailab-yaml.md).</summary>
public static class WorkflowConfig
{
    /// <summary>Reads the file at <paramref name="path"/>; messages name it as given.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is invalid; lists every problem found.</exception>
    public static WorkflowSuite Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException when Directory.Exists(path) => "is a directory, not a file",
                _ => $"cannot read the file: {e.Message}",
            };
            throw new ConfigException(new ConfigDiagnostic(path, null, null, problem,
                "pass the path of an ailab.yaml with --config (format: docs/ailab-yaml.md)"));
        }

        return Parse(text, path);
    }

    /// <summary>Parses <paramref name="yaml"/> text; <paramref name="displayPath"/> names it in messages and becomes the suite's path.</summary>
    /// <exception cref="ConfigException">The text is invalid; lists every problem found.</exception>
    public static WorkflowSuite Parse(string yaml, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(displayPath);
        var bag = new DiagnosticBag(displayPath);
        var root = YamlTreeReader.Read(yaml, bag, out var readable);
        if (!readable)
        {
            bag.ThrowIfAny();
        }

        var reader = new SuiteReader(bag);
        var workflows = reader.Read(root);
        bag.ThrowIfAny();
        return new WorkflowSuite(displayPath, workflows)
        {
            Notify = reader.Notify, Capacity = reader.Capacity, Outputs = reader.Outputs,
        };
    }
}
