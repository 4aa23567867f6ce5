using AiLab.Application.Workflows;

namespace AiLab.Application.Tests.Workflows;

public sealed class WorkflowFilesTests
{
    [Fact]
    public void Find_FileInRepositoryAndCurrentDirectory_PrefersTheRepository()
    {
        using var repo = new TempDirectory();
        using var cwd = new TempDirectory();
        File.WriteAllText(repo.File("ailab.yaml"), "workflows: []\n");
        File.WriteAllText(cwd.File("ailab.yaml"), "workflows: []\n");

        Assert.Equal(repo.File("ailab.yaml"), WorkflowFiles.Find(repo.Path, cwd.Path));
    }

    [Fact]
    public void Find_OnlyYmlInCurrentDirectory_FindsIt()
    {
        using var cwd = new TempDirectory();
        File.WriteAllText(cwd.File("ailab.yml"), "workflows: []\n");

        Assert.Equal(cwd.File("ailab.yml"), WorkflowFiles.Find(null, cwd.Path));
    }

    [Fact]
    public void Locate_NoFile_SaysWhatNeededItAndWhereItLooked()
    {
        using var repo = new TempDirectory();
        using var cwd = new TempDirectory();

        var e = Assert.Throws<WorkflowFileNotFoundException>(
            () => WorkflowFiles.Locate(null, repo.Path, cwd.Path, "the release suite"));

        Assert.Equal([repo.Path, cwd.Path], e.Searched);
        Assert.Null(e.Path);
        Assert.StartsWith("the release suite needs a workflow file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_NamedFileMissing_NamesTheFile()
    {
        using var cwd = new TempDirectory();
        var missing = cwd.File("nope.yaml");

        var e = Assert.Throws<WorkflowFileNotFoundException>(
            () => WorkflowFiles.Locate(missing, null, cwd.Path, "workflow x"));

        Assert.Equal(missing, e.Path);
        Assert.Equal($"config file {missing} does not exist", e.Message);
    }
}
