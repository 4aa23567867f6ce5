using AiLab.Execution.Slurm;

namespace AiLab.Execution.Tests.Slurm;

/// <summary>Parsing <c>scontrol show job -o</c> as Slurm 22.05 prints it (a line captured from the test
/// cluster).</summary>
public sealed class SlurmJobInfoTests
{
    private const string Completed = "JobId=1 JobName=wrap UserId=root(0) GroupId=root(0) MCS_label=N/A "
        + "Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=COMPLETED Reason=None Dependency=(null) "
        + "Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:01 TimeLimit=UNLIMITED TimeMin=N/A "
        + "SubmitTime=2026-12-06T04:09:15 EligibleTime=2026-12-06T04:09:15 AccrueTime=2026-12-06T04:09:15 "
        + "StartTime=2026-12-06T04:09:17 EndTime=2026-12-06T04:09:18 Deadline=N/A Partition=debug "
        + "AllocNode:Sid=localhost:21133 ReqNodeList=(null) ExcNodeList=(null) NodeList=vm BatchHost=vm NumNodes=1 "
        + "WorkDir=/tmp/a dir with spaces StdOut=/tmp/sj-1.out";

    [Fact]
    public void Parse_CompletedJob_ReadsStateTimesAndNode()
    {
        var job = SlurmJobInfo.Parse(Completed, TimeZoneInfo.Utc)!;

        Assert.Equal("1", job.JobId);
        Assert.Equal("COMPLETED", job.State);
        Assert.Null(job.Reason);
        Assert.Equal(0, job.ExitCode);
        Assert.Equal(0, job.Signal);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 4, 9, 15, TimeSpan.Zero), job.SubmitTime);
        Assert.Equal(job.SubmitTime, job.EligibleTime);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 4, 9, 17, TimeSpan.Zero), job.StartTime);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 4, 9, 18, TimeSpan.Zero), job.EndTime);
        Assert.Equal("vm", job.NodeList);
    }

    [Fact]
    public void Parse_PendingJob_HasNoNodeAndAnUnknownStart()
    {
        var line = Completed.Replace("JobState=COMPLETED Reason=None", "JobState=PENDING Reason=Resources")
            .Replace("StartTime=2026-12-06T04:09:17", "StartTime=Unknown").Replace("NodeList=vm", "NodeList=");
        var job = SlurmJobInfo.Parse(line, TimeZoneInfo.Utc)!;

        Assert.Equal("Resources", job.Reason);
        Assert.Null(job.StartTime);
        Assert.Null(job.NodeList);
        Assert.True(SlurmJobStates.IsPending(job.State));
        Assert.False(SlurmJobStates.IsFinished(job.State));
    }

    [Theory]
    [InlineData("NODE_FAIL", true)]
    [InlineData("PREEMPTED", true)]
    [InlineData("TIMEOUT", true)]
    [InlineData("BOOT_FAIL", true)]
    [InlineData("FAILED", false)]
    [InlineData("OUT_OF_MEMORY", false)]
    [InlineData("COMPLETED", false)]
    public void IsInfrastructure_SchedulerEndedStates_AreInfrastructure(string state, bool expected)
    {
        Assert.Equal(expected, SlurmJobStates.IsInfrastructure(state));
        Assert.True(SlurmJobStates.IsFinished(state));
    }

    [Fact]
    public void Parse_NotAJobLine_ReturnsNull() => Assert.Null(SlurmJobInfo.Parse("slurm_load_jobs error: Invalid job id"));
}
