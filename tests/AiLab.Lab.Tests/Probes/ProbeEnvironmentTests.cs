using AiLab.Core.Workflows;
using AiLab.Lab.Probes;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Probes;

public sealed class ProbeEnvironmentTests
{
    [Fact]
    public void Discover_FromTheBuildFolder_FindsTheShippedPythonProbe()
    {
        var probe = ProbeEnvironment.Discover();

        Assert.Equal(SourceTree.PathOf("probes", "python"), probe.PythonProbeRoot);
        Assert.True(File.Exists(Path.Combine(probe.PythonProbeRoot!, "ailab_probe", "__init__.py")));
    }

    [Fact]
    public void For_NoAutoInstrumentAndNoExistingPath_SetsOnlyTheProbeRoot()
    {
        var env = new ProbeEnvironment("/opt/ailab/probes/python").For(AutoInstrument.None, null);

        Assert.Equal(new Dictionary<string, string> { ["PYTHONPATH"] = "/opt/ailab/probes/python" }, env);
    }

    [Fact]
    public void For_Torch_PutsAutoinstrumentFirstAndKeepsTheExistingPathLast()
    {
        var env = new ProbeEnvironment("/p").For(AutoInstrument.Torch, "/a:/b");

        Assert.Equal("/p/autoinstrument:/p:/a:/b", env["PYTHONPATH"]);
        Assert.Equal("torch", env["AILAB_AUTO"]);
    }

    [Fact]
    public void For_NoProbeInstalled_GivesNothingUnlessAutoInstrumentIsAsked()
    {
        var probe = new ProbeEnvironment(null);

        Assert.Empty(probe.For(AutoInstrument.None, "/a"));
        Assert.Throws<InvalidOperationException>(() => probe.For(AutoInstrument.Torch, null));
    }

    [Fact]
    public void For_TheRealProbe_IsImportableByPython()
    {
        var env = ProbeEnvironment.Discover().For(AutoInstrument.None, null);

        var (exitCode, stdout, stderr) = ProcessRunner.RunWith(
            env, null, "/usr/bin/python3", "-c", "import ailab_probe, sys; print(ailab_probe.__file__)");

        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith(SourceTree.PathOf("probes", "python", "ailab_probe"), stdout.Trim(), StringComparison.Ordinal);
    }
}
