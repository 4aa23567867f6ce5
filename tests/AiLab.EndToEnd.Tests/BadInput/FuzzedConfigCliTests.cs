using System.Text.RegularExpressions;
using AiLab.Core.Tests.Workflows.Fuzzing;
using AiLab.Core.Workflows;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.BadInput;

/// <summary>A sample of the documents the ailab.yaml fuzzer makes the loader reject, run through the CLI: each exits 2
/// with the file, line and column of the problem (the fuzzer itself, in AiLab.Core.Tests, checks 25,000 in-process).</summary>
[Collection(ProcessWide.Name)]
public sealed partial class FuzzedConfigCliTests
{
    private const int Sample = 40;

    [Fact]
    public async Task Ab_FuzzedConfigsTheLoaderRejects_ExitTwoWithFileLineAndColumn()
    {
        using var sandbox = new Sandbox();
        var mutator = new YamlMutator(seed: 7);
        var checkedCount = 0;
        for (var i = 0; checkedCount < Sample; i++)
        {
            Assert.True(i < 10_000, "the mutator rarely makes a document the loader rejects");
            // A file holds UTF-8, where a lone surrogate cannot be: read it back as a file would be.
            var yaml = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(mutator.Next()));
            var path = Path.Combine(sandbox.Root, $"fuzz-{i}.yaml");
            try
            {
                WorkflowConfig.Parse(yaml, path);
                continue; // loaded: not a rejection to sample
            }
            catch (ConfigException)
            {
            }

            File.WriteAllText(path, yaml);
            checkedCount++;
            var result = await InProcessCli.RunAsync(sandbox.Work, sandbox.Home,
                "ab", "--a", "X=1", "--b", "X=2", "--config", path, "--workflow", "train");

            Assert.True(result.ExitCode == 2, $"document {i} (seed 7): {result}\n{YamlMutator.Describe(yaml)}");
            Assert.Matches(Location(path), result.Stderr);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }
    }

    private static Regex Location(string path) => new($"{Regex.Escape(path)}:\\d+:\\d+: error: ");
}
