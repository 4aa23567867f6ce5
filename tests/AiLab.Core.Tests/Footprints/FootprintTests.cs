using AiLab.Core.Footprints;

namespace AiLab.Core.Tests.Footprints;

public sealed class FootprintTests
{
    [Theory]
    [InlineData("src/**/*.cs", "src/a/b/C.cs", true)]
    [InlineData("src/**/*.cs", "src/C.cs", true)]
    [InlineData("src/*.cs", "src/a/C.cs", false)]
    [InlineData("lib/**", "lib/x/y.so", true)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("conf/?.yaml", "conf/a.yaml", true)]
    [InlineData("conf/?.yaml", "conf/ab.yaml", false)]
    [InlineData("a.b", "axb", false)]
    public void Matches_Globs_FollowGitignoreConventions(string glob, string path, bool expected)
    {
        Assert.Equal(expected, PathGlob.Matches(glob, path));
    }

    [Fact]
    public void Touches_FileOrGlob_IsTrueOnlyForWhatTheWorkflowLoads()
    {
        var footprint = new Footprint
        {
            Workflow = "w", Revision = "", Files = ["train.py", "pkg/core.py"], Globs = ["native/**"],
            RecordedAt = DateTimeOffset.UnixEpoch,
        };

        Assert.True(footprint.Touches("pkg/core.py"));
        Assert.True(footprint.Touches("native/ops/kernel.cc"));
        Assert.False(footprint.Touches("README.md"));
        Assert.False(footprint.Touches("pkg/core.pyc"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/abs/**", "leading /")]
    [InlineData("../x", "'..'")]
    public void Problem_BadGlob_SaysWhy(string glob, string expected)
    {
        Assert.Contains(expected, PathGlob.Problem(glob), StringComparison.Ordinal);
    }
}
