using System.Net;
using System.Text.Json.Nodes;
using AiLab.Server.Data;
using AiLab.Server.Tests.Api;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Scheduling;

/// <summary>The release tier bisects, against the real <c>ailab serve --watch --release-tags</c> process: two tags
/// around the fixture's planted +120 ms, the scheduled release comparison confirms the regression, a bisection is
/// queued, the server is SIGKILLed in the middle of it, and a second server resumes it (finished steps kept, no trial
/// run twice), names the culprit with its author, and files the incident that the bisection page shows.</summary>
public sealed class ReleaseBisectionTests
{
    private const int Trials = 5;

    [Fact]
    public async Task ReleaseTier_RegressionBetweenTags_BisectsAcrossARestartAndFilesTheCulpritsIncident()
    {
        using var dir = new TempDirectory("ailab-release-bisect-");
        var repo = dir.Combine("repo");
        var commits = FixtureRepository.Create(repo);
        FixtureRepository.Git(repo, null, "tag", "v1", commits[0]);
        FixtureRepository.Git(repo, null, "tag", "v2", commits[^1]);
        var db = dir.File("lab.db");

        var (first, address) = await StartServeAsync(dir, repo, db);
        long bisectItem;
        Dictionary<string, (DateTimeOffset CreatedAt, List<(int Sequence, DateTimeOffset StartedAt)> Trials)> before
            = [];
        try
        {
            using var client = new HttpClient { BaseAddress = address };
            var running = await ServeProcess.WaitForAsync(async () =>
            {
                var item = await ItemAsync(client, "bisect");
                if (item is null || item["status"]!.GetValue<string>() == "queued") return null;
                if (item["status"]!.GetValue<string>() != "running")
                    throw new InvalidOperationException($"the bisection ended before the kill: {item.ToJsonString()}");
                var prefix = $"ab-q{item["id"]}-s";
                foreach (var e in (await client.GetJsonAsync("/api/v1/experiments?limit=500"))["items"]!.AsArray())
                {
                    var id = e!["id"]!.GetValue<string>();
                    if (!id.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    var trials = await client.GetJsonAsync($"/api/v1/experiments/{id}/trials?limit=500");
                    if (trials["items"]!.AsArray().Count >= 2) return item;
                }

                return null;
            }, "the release tier to queue a bisection and store trials of its first step");
            bisectItem = running["id"]!.GetValue<long>();
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        using (var data = LabData.OpenSqlite(db))
        {
            foreach (var e in (await data.ExperimentsAsync()).Where(e => e.Id.StartsWith($"ab-q{bisectItem}-s",
                         StringComparison.Ordinal)))
            {
                before[e.Id] = (e.CreatedAt,
                    [.. (await data.TrialsAsync(e.Id)).Select(t => (t.Sequence, t.Result.StartedAt))]);
            }
        }

        var (second, address2) = await StartServeAsync(dir, repo, db);
        try
        {
            using var client = new HttpClient { BaseAddress = address2 };
            var done = await ServeProcess.WaitForAsync(async () =>
            {
                var item = await ItemAsync(client, "bisect");
                return item?["status"]!.GetValue<string>() is "done" or "failed" ? item : null;
            }, "the resumed bisection to finish");

            Assert.True(done["status"]!.GetValue<string>() == "done", done.ToJsonString());
            Assert.Equal(2, done["attempts"]!.GetValue<int>());
            var release = (await ItemAsync(client, "release"))!;
            Assert.Equal("tag:v2", release["branch"]!.GetValue<string>());
            Assert.Equal((commits[0], commits[^1]), (done["baseCommit"]!.GetValue<string>(),
                done["commit"]!.GetValue<string>()));

            var incident = Assert.Single((await client.GetJsonAsync("/api/v1/incidents"))["items"]!.AsArray())!;
            Assert.Equal(commits[2], incident["commit"]!.GetValue<string>());
            Assert.Equal(FixtureRepository.CulpritAuthor, incident["author"]!.GetValue<string>());
            var bisection = await client.GetJsonAsync($"/api/v1/bisections/{incident["bisection"]}");
            var steps = bisection["steps"]!.AsArray().Select(s => s!["experimentId"]!.GetValue<string>()).ToList();
            // The release comparison is the range's evidence; the bisection's own steps follow it.
            Assert.Contains(release["experimentId"]!.GetValue<string>(), steps);
            Assert.Contains(steps, s => s.StartsWith($"ab-q{bisectItem}-s", StringComparison.Ordinal));
            using var page = await client.GetAsync(new Uri($"/bisections/{incident["bisection"]}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(FixtureRepository.CulpritAuthor, html, StringComparison.Ordinal);
            Assert.Contains(FixtureRepository.CulpritSubject, html, StringComparison.Ordinal);

            using var data = LabData.OpenSqlite(db);
            Assert.NotEmpty(before);
            foreach (var (id, (createdAt, kept)) in before)
            {
                // Resumed, not started again: the same experiment, every trial stored before the kill still there.
                var after = (await data.ExperimentAsync(id))!;
                Assert.Equal(createdAt, after.CreatedAt);
                var trials = await data.TrialsAsync(id);
                Assert.All(kept, k => Assert.Contains(trials, t => (t.Sequence, t.Result.StartedAt) == k));
            }

            foreach (var e in (await data.ExperimentsAsync()).Where(e => e.Id.StartsWith($"ab-q{bisectItem}-s",
                         StringComparison.Ordinal)))
            {
                var trials = await data.TrialsAsync(e.Id);
                Assert.Equal(trials.Count, trials.Select(t => t.Sequence).Distinct().Count());
                Assert.Equal(2 * (e.TrialsPerVariant + e.WarmupPerVariant), trials.Count);
            }
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private static async Task<JsonNode?> ItemAsync(HttpClient client, string tier) =>
        (await client.GetJsonAsync("/api/v1/queue"))["items"]!.AsArray()
            .FirstOrDefault(i => i!["tier"]!.GetValue<string>() == tier);

    private static Task<(System.Diagnostics.Process Process, Uri Address)> StartServeAsync(
        TempDirectory dir, string repo, string db) =>
        ServeProcess.StartAsync(dir.Path, dir.Combine("home"), "--db", db, "--port", "0", "--watch", repo,
            "--run", FixtureRepository.Run, "--poll", "3600", "--trials", "2", "--release-tags", "v*",
            "--release-trials", Trials.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
