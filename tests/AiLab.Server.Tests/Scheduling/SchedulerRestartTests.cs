using System.Diagnostics;
using System.Text.Json.Nodes;
using AiLab.Server.Data;
using AiLab.Server.Tests.Api;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Scheduling;

/// <summary>The real <c>ailab serve --watch</c> as a process: it queues the watched branch's head, runs its
/// experiment, is SIGKILLed in the middle, and a second server finishes that experiment with no trial lost or
/// duplicated; a new commit is then queued against the previous head.</summary>
public sealed class SchedulerRestartTests
{
    private const int Trials = 12;

    [Fact]
    public async Task Serve_KilledMidExperiment_RestartFinishesItWithEveryTrialOnce()
    {
        using var dir = new TempDirectory("ailab-sched-");
        var repo = dir.Combine("repo");
        var commits = FixtureRepository.Create(repo);
        var db = dir.File("lab.db");

        var (first, address) = await StartServeAsync(dir, repo, db);
        string experimentId;
        List<(int Sequence, DateTimeOffset StartedAt)> beforeKill;
        using (var client = new HttpClient { BaseAddress = address })
        {
            experimentId = await ServeProcess.WaitForAsync(async () =>
            {
                var item = (await client.GetJsonAsync("/api/v1/queue"))["items"]!.AsArray().FirstOrDefault();
                var id = item?["experimentId"]?.GetValue<string>();
                if (id is null) return null;
                var trials = (await client.GetJsonAsync($"/api/v1/experiments/{id}/trials?limit=500"))["items"]!.AsArray();
                return trials.Count >= 4 ? id : null;
            }, "the scheduled experiment to store 4 trials");
        }

        first.Kill();
        await first.WaitForExitAsync();
        using (var data = LabData.OpenSqlite(db))
        {
            beforeKill = [.. (await data.TrialsAsync(experimentId)).Select(t => (t.Sequence, t.Result.StartedAt))];
            Assert.True(beforeKill.Count < 2 * (Trials + 1), $"the experiment finished ({beforeKill.Count} trials) before the kill; the test proves nothing");
        }

        var (second, address2) = await StartServeAsync(dir, repo, db);
        try
        {
            using var client = new HttpClient { BaseAddress = address2 };
            var done = await ServeProcess.WaitForAsync(async () =>
            {
                var item = (await client.GetJsonAsync("/api/v1/queue"))["items"]!.AsArray().Single()!;
                return item["status"]!.GetValue<string>() is "done" or "failed" ? item : null;
            }, "the resumed experiment to finish");

            Assert.Equal("done", done["status"]!.GetValue<string>());
            Assert.Equal(experimentId, done["experimentId"]!.GetValue<string>());
            Assert.Equal(2, done["attempts"]!.GetValue<int>());
            var trials = await client.AllPagesAsync($"/api/v1/experiments/{experimentId}/trials", 100);
            Assert.Equal(Enumerable.Range(0, 2 * (Trials + 1)), trials.Select(t => t["sequence"]!.GetValue<int>()));
            foreach (var (sequence, startedAt) in beforeKill)
                Assert.Equal(startedAt, DateTimeOffset.Parse(trials[sequence]["result"]!["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            var experiment = await client.GetJsonAsync($"/api/v1/experiments/{experimentId}");
            Assert.Equal("completed", experiment["status"]!.GetValue<string>());
            Assert.NotNull(experiment["verdict"]);
            Assert.Single((await client.GetJsonAsync("/api/v1/experiments?workflow=watched"))["items"]!.AsArray());

            var next = FixtureRepository.CommitReadmeLine(repo, "Tidy the README");
            var queued = await ServeProcess.WaitForAsync(async () =>
            {
                var items = (await client.GetJsonAsync("/api/v1/queue"))["items"]!.AsArray();
                return items.Count == 2 ? items[0] : null;
            }, "the new commit to be queued");
            Assert.Equal(next, queued["commit"]!.GetValue<string>());
            Assert.Equal(commits[^1], queued["baseCommit"]!.GetValue<string>());
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    private static Task<(Process Process, Uri Address)> StartServeAsync(TempDirectory dir, string repo, string db) =>
        ServeProcess.StartAsync(dir.Path, dir.Combine("home"), "--db", db, "--port", "0", "--watch", repo,
            "--run", FixtureRepository.Run,
            "--poll", "1", "--trials", $"{Trials}");
}
