using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Demo;

/// <summary>Reads Python source with Python's own parser, so that tests check what Python would run.</summary>
internal static class PythonSource
{
    public const string Python = "/usr/bin/python3";

    // Prints the module's top-level imports and the expression statements of validate_config's body, one per line.
    private const string Inspect = """
        import ast, sys
        tree = ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
        for node in tree.body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    print("import " + alias.name)
            if isinstance(node, ast.FunctionDef) and node.name == "validate_config":
                for index, statement in enumerate(node.body):
                    print("body %d %s" % (index, ast.unparse(statement).splitlines()[0]))
        """;

    /// <summary>The lines <see cref="Inspect"/> prints for <paramref name="source"/>; fails the test when Python cannot parse it.</summary>
    public static IReadOnlyList<string> Outline(string source)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("train.py");
        File.WriteAllText(path, source);
        var (exitCode, stdout, stderr) = ProcessRunner.Run(Python, "-c", Inspect, path);
        Assert.True(exitCode == 0, $"Python could not parse the patched source:\n{stderr}\n--- source ---\n{source}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
