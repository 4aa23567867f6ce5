using AiLab.Application.Settings;
using AiLab.Application.Workflows;
using AiLab.Core.Workflows;

namespace AiLab.Application.Tests.Workflows;

public sealed class WorkflowResolverTests
{
    [Fact]
    public void Resolve_AdHocWithOverrides_AppliesEachOverride()
    {
        using var cwd = new TempDirectory();
        var request = new WorkflowRequest
        {
            AdHocCommand = "python3 train.py", Timeout = "90s", AutoInstrument = "torch", WorkingDirectory = "sub",
            Environment = ["A=1", "B=x=y"], Cpus = [0], FirstBatchPattern = "^batch",
        };

        var spec = WorkflowResolver.Resolve(request, null, cwd.Path);

        Assert.Equal("python3 train.py", spec.Run);
        Assert.Equal(TimeSpan.FromSeconds(90), spec.Timeout);
        Assert.Equal(AutoInstrument.Torch, spec.AutoInstrument);
        Assert.Equal("sub", spec.WorkingDirectory);
        Assert.Equal("x=y", spec.Environment["B"]);
        Assert.Equal([0], spec.Cpus);
        Assert.Equal("^batch", spec.FirstBatchPattern);
    }

    [Fact]
    public void Resolve_NamedWorkflow_LoadsItFromTheRepositorysFile()
    {
        using var repo = new TempDirectory();
        using var cwd = new TempDirectory();
        File.WriteAllText(repo.File("ailab.yaml"), "workflows:\n  train:\n    run: python3 train.py\n    trials: 6\n");

        var request = new WorkflowRequest { WorkflowName = "train", Build = "make" };

        var spec = WorkflowResolver.Resolve(request, repo.Path, cwd.Path);

        Assert.Equal("train", spec.Name);
        Assert.Equal(6, spec.Trials);
        Assert.Equal("make", spec.Build);
    }

    [Fact]
    public void Resolve_NamedWorkflowWithoutAFile_ThrowsWorkflowFileNotFound()
    {
        using var cwd = new TempDirectory();

        var request = new WorkflowRequest { WorkflowName = "train" };

        Assert.Throws<WorkflowFileNotFoundException>(() => WorkflowResolver.Resolve(request, null, cwd.Path));
    }

    [Theory]
    [InlineData("workdir", "../..")]
    [InlineData("env", "NOEQUALS")]
    [InlineData("auto-instrument", "tf")]
    [InlineData("first-batch-pattern", "(")]
    public void Apply_BadOverride_NamesTheSetting(string setting, string value)
    {
        var request = setting switch
        {
            "workdir" => new WorkflowRequest { AdHocCommand = "true", WorkingDirectory = value },
            "env" => new WorkflowRequest { AdHocCommand = "true", Environment = [value] },
            "auto-instrument" => new WorkflowRequest { AdHocCommand = "true", AutoInstrument = value },
            _ => new WorkflowRequest { AdHocCommand = "true", FirstBatchPattern = value },
        };

        var e = Assert.Throws<InvalidSettingException>(
            () => WorkflowResolver.Apply(WorkflowSpec.AdHoc("true"), request));

        Assert.Equal(setting, e.Setting);
    }
}
