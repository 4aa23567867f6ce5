using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using AiLab.Server.Access;
using AiLab.Server.Data;
using AiLab.Server.Hosting;
using AiLab.Storage.Serialization;

namespace AiLab.Bench.Storage;

/// <summary>The real server (LabServer on Kestrel, 127.0.0.1) over a filled store, driven over HTTP by one client:
/// ingestion through the API (an experiment, then its 20 trials in one request, with a token), and the latency of the
/// home page and of an experiment page, each request timed from send to the last byte read.</summary>
internal static class LoadProbe
{
    /// <summary>What one store measured.</summary>
    public sealed record Figures(
        double IngestExperimentsPerSecond, double IngestTrialsPerSecond, Latency Home, Latency ExperimentPage,
        int HomeBytes);

    /// <summary>Median and 95th percentile of the requests, ms.</summary>
    public sealed record Latency(double MedianMs, double P95Ms, int Requests);

    public static async Task<Figures> RunAsync(
        string connectionString, int existing, int workflows, int ingest, int requests)
    {
        string secret;
        using (var stores = LabData.OpenTokens(connectionString))
            secret = (await new TokenAdmin(stores.ApiTokens, TimeProvider.System).CreateAsync("store-load")).Secret;
        using var data = LabData.Open(connectionString);
        await using var app = LabServer.Build(new ServerOptions { DatabasePath = connectionString, Port = 0 }, data,
            TextWriter.Null);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient
            {
                BaseAddress = LabServer.BoundAddress(app), Timeout = TimeSpan.FromMinutes(5),
            };
            var (experimentsPerSecond, trialsPerSecond) =
                await IngestAsync(client, secret, existing, workflows, ingest);
            var (home, bytes) = await TimeAsync(client, _ => "/", requests);
            var random = new Random(3);
            var (page, _) = await TimeAsync(client,
                _ => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"/experiments/ab-load-{random.Next(existing):D7}"), requests);
            return new Figures(experimentsPerSecond, trialsPerSecond, home, page, bytes);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<(double, double)> IngestAsync(
        HttpClient client, string secret, int existing, int workflows, int count)
    {
        var random = new Random(2);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var index = existing + i;
            var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ab-ingest-{index:D7}");
            var experiment = LoadSamples.Experiment(id, index, index % workflows);
            await SendAsync(client, secret, "/api/v1/experiments", StorageJson.Serialize(experiment));
            await SendAsync(client, secret, $"/api/v1/experiments/{id}/trials",
                StorageJson.Serialize(LoadSamples.Trials(id, random)));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return (count / seconds, count * LoadSamples.TrialsPerExperiment / seconds);
    }

    private static async Task SendAsync(HttpClient client, string secret, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Two untimed warm-up requests (JIT, caches), then <paramref name="requests"/> timed ones.</summary>
    private static async Task<(Latency, int Bytes)> TimeAsync(HttpClient client, Func<int, string> path, int requests)
    {
        var times = new List<double>();
        var bytes = 0;
        for (var i = -2; i < requests; i++)
        {
            var target = path(i);
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri(target, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {target}: {(int)response.StatusCode}");
            bytes = body.Length;
            if (i >= 0) times.Add(ms);
        }

        times.Sort();
        return (new Latency(Quantile(times, 0.5), Quantile(times, 0.95), requests), bytes);
    }

    /// <summary>The sample quantile by linear interpolation between order statistics (Hyndman–Fan type 7, the
    /// default of R and NumPy).</summary>
    private static double Quantile(List<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
