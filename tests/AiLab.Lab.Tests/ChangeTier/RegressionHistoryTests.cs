using AiLab.Core.Footprints;
using AiLab.Lab.ChangeTier;

namespace AiLab.Lab.Tests.ChangeTier;

public sealed class RegressionHistoryTests
{
    private static ChangeOutcome Outcome(string workflow, bool regressed, params string[] paths) =>
        new(workflow, paths, regressed, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Probability_NoHistory_IsThePriorMeanPerFileCombined()
    {
        var history = new RegressionHistory([]);

        Assert.Equal(0.1, history.Probability("w", ["a.py"]), 12);
        Assert.Equal(1 - 0.9 * 0.9, history.Probability("w", ["a.py", "b.py"]), 12);
    }

    [Fact]
    public void FileProbability_AfterOutcomes_IsTheBetaPosteriorMeanAtTheMostSpecificObservedPrefix()
    {
        var history = new RegressionHistory(
        [
            Outcome("w", true, "models/attn.py"), Outcome("w", true, "models/attn.py"), Outcome("w", false,
                "models/attn.py"),
            Outcome("w", false, "models/mlp.py"), Outcome("other", true, "models/mlp.py"),
        ]);

        Assert.Equal((1 + 2) / (10.0 + 3), history.FileProbability("w", "models/attn.py"), 12);
        // models/cnn.py was never changed: its directory has 4 outcomes for w, 2 of them regressions.
        Assert.Equal((1 + 2) / (10.0 + 4), history.FileProbability("w", "models/cnn.py"), 12);
        Assert.Equal((1 + 0) / (10.0 + 1), history.FileProbability("w", "models/mlp.py"), 12);
        // The root prefix has every path for w; a file elsewhere backs off to it.
        Assert.Equal((1 + 2) / (10.0 + 4), history.FileProbability("w", "docs/x.md"), 12);
        Assert.Equal(0.1, history.FileProbability("unknown", "models/attn.py"), 12);
    }

    [Fact]
    public void Prefixes_NestedPath_MostSpecificFirstEndingAtTheRoot()
    {
        Assert.Equal(["a/b/c.py", "a/b/", "a/", ""], RegressionHistory.Prefixes("a/b/c.py"));
    }
}
