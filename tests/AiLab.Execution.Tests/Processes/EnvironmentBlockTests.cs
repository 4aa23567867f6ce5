using System.Collections;
using AiLab.Core.Workflows;
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

    [Fact]
    public void Build_InheritedCredentials_AreWithheldButExplicitValuesKept()
    {
        var inherited = new Hashtable
        {
            ["PATH"] = "/bin", ["GITHUB_TOKEN"] = "ghp_x", ["AWS_SECRET_ACCESS_KEY"] = "k", ["HF_TOKEN"] = "h",
            ["CORP_URL"] = "u",
        };

        var block = EnvironmentBlock.Build(inherited, new Dictionary<string, string?> { ["AWS_SECRET_ACCESS_KEY"] = "set" },
            "/e", new EnvironmentPolicy { Allow = ["HF_TOKEN"], Deny = ["CORP_*"] });

        Assert.Equal(["AILAB_EVENTS=/e", "AWS_SECRET_ACCESS_KEY=set", "HF_TOKEN=h", "PATH=/bin"], block);
    }

    [Fact]
    public void Build_NoPolicyGiven_AppliesTheDefault()
    {
        var block = EnvironmentBlock.Build(new Hashtable { ["GITHUB_TOKEN"] = "ghp_x", ["LANG"] = "C" },
            new Dictionary<string, string?>(), "/e");

        Assert.Equal(["AILAB_EVENTS=/e", "LANG=C"], block);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    public void Build_InvalidName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() =>
            EnvironmentBlock.Build(new Hashtable(), new Dictionary<string, string?> { [name] = "v" }, "/e"));
}
