using System.Text.Json;

namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>What one run of the real <c>ailab</c> process produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test, with both streams in the message, unless the exit code is <paramref name="expected"/>.</summary>
    public CliResult AssertExit(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit code {expected}, got {this}");
        return this;
    }

    /// <summary>Parses stdout as exactly one JSON document; trailing text of any kind fails the parse.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not one JSON document ({e.Message}): {this}");
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
