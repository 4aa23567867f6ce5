namespace AiLab.Lab.Tests;

public sealed class LabPathsTests
{
    [Fact]
    public void Paths_Home_LaysOutDatabaseBuildsAndTrialFiles()
    {
        var paths = new LabPaths("/var/ailab");

        Assert.Equal("/var/ailab/ailab.db", paths.Database);
        Assert.Equal("/var/ailab/builds", paths.Builds);
        Assert.Equal("/var/ailab/trials/ab-1", paths.TrialsOf("ab-1"));
        Assert.Equal("/var/ailab/trials/ab-1/0007-B.log", paths.TrialLog("ab-1", 7, "B"));
        Assert.Equal("/var/ailab/trials/ab-1/0007-B.events.jsonl", paths.TrialEvents("ab-1", 7, "B"));
    }
}
