using System.Collections;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

public sealed class EnvironmentBlockTests
{
    [Fact]
    public void Build_OverridesRemovalsAndEventsPath_AppliedInOrderAndSorted()
    {
        var inherited = new Hashtable { ["PATH"] = "/bin", ["HOME"] = "/root", ["AILAB_EVENTS"] = "/stale", ["B"] = "1" };

        var block = EnvironmentBlock.Build(inherited,
            new Dictionary<string, string?> { ["HOME"] = null, ["B"] = "2=two", ["NEW"] = "", ["AILAB_EVENTS"] = "/x" },
            "/tmp/events.jsonl");

        Assert.Equal(["AILAB_EVENTS=/tmp/events.jsonl", "B=2=two", "NEW=", "PATH=/bin"], block);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    public void Build_InvalidName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() =>
            EnvironmentBlock.Build(new Hashtable(), new Dictionary<string, string?> { [name] = "v" }, "/e"));
}
