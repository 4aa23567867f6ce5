using AiLab.Execution.Probes;

namespace AiLab.Execution.Tests.Probes;

public sealed class MarkWatchTests
{
    [Fact]
    public async Task Seen_EveryNeededMark_CompletesOnceWithTheLastOne()
    {
        var calls = 0;
        var watch = new MarkWatch(["first_batch", "steady"], _ => calls++);

        watch.Seen("imports", 1);
        watch.Seen("first_batch", 2);
        Assert.False(watch.Completed.IsCompleted);
        watch.Seen("steady", 3);
        watch.Seen("steady", 4);

        Assert.True(watch.Completed.IsCompleted);
        Assert.Equal(3, await watch.Completed);
        Assert.Equal("steady", watch.LastMark);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Seen_AfterClose_IsIgnored()
    {
        var watch = new MarkWatch(["first_batch"]);

        watch.Close();
        watch.Seen("first_batch", 5);

        Assert.False(watch.Completed.IsCompleted);
    }

    [Fact]
    public void Constructor_NoNeededMarks_IsNotWatching()
    {
        var watch = new MarkWatch(null);

        watch.Seen("first_batch", 1);

        Assert.False(watch.IsWatching);
        Assert.False(watch.Completed.IsCompleted);
    }
}
