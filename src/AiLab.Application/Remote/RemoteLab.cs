using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Core.Incidents;
using AiLab.Storage.Serialization;

namespace AiLab.Application.Remote;

/// <summary>The lab behind an <c>ailab serve</c> (its REST API, /api/v1): what the command line reads and submits
/// when it is given <c>--server</c> instead of a local store. Documents travel in the store's JSON, so what comes
/// back is the same <see cref="Experiment"/> the local store would give.</summary>
public sealed class RemoteLab : IDisposable
{
    private const int PageSize = 500;
    private readonly HttpClient http;
    private readonly string tokenSource;

    /// <summary>A client of the server at <paramref name="baseAddress"/> (see <see cref="ServerAddress.Parse"/>).
    /// </summary>
    /// <param name="baseAddress">The server's base URL.</param>
    /// <param name="token">The API token, or null for reads of a public lab.</param>
    /// <param name="tokenSource">Where the token came from, for messages (e.g. "$AILAB_TOKEN"); never the
    /// secret.</param>
    /// <param name="handler">The HTTP handler (tests), or null for the default.</param>
    public RemoteLab(Uri baseAddress, string? token, string tokenSource, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseAddress;
        http.Timeout = TimeSpan.FromSeconds(60);
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            token);
        this.tokenSource = tokenSource;
    }

    /// <summary>The server's base URL.</summary>
    public Uri Address => http.BaseAddress!;

    /// <summary>Checks that the server answers and accepts the token for writes, before any work is done.</summary>
    public async Task CheckTokenAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/v1/token", null,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RemoteException(RemoteFailure.Rejected,
                $"{Address} has no /api/v1/token: it is not an AiLab server, or one older than this ailab");
        }

        await EnsureAsync(response, "check the token", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <paramref name="limit"/> newest experiments, newest first.</summary>
    public async Task<IReadOnlyList<Experiment>> ListExperimentsAsync(int limit, CancellationToken cancellationToken =
        default)
    {
        var ids = await IdsAsync("api/v1/experiments", limit, cancellationToken).ConfigureAwait(false);
        var experiments = new List<Experiment>(ids.Count);
        foreach (var id in ids)
        {
            // Listed a moment ago: a 404 now means it was deleted in between, which the list simply no longer shows.
            if (await FindExperimentAsync(id, cancellationToken).ConfigureAwait(false) is { } e) experiments.Add(e);
        }

        return experiments;
    }

    /// <summary>The experiment <paramref name="idOrPrefix"/> names, or null when the server has none.</summary>
    public Task<Experiment?> FindExperimentAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<Experiment>("api/v1/experiments/" + Uri.EscapeDataString(idOrPrefix), cancellationToken);

    /// <summary>Every trial of experiment <paramref name="id"/>, in schedule order (all pages).</summary>
    public async Task<IReadOnlyList<TrialRecord>> TrialsAsync(string id, CancellationToken cancellationToken = default)
    {
        var trials = new List<TrialRecord>();
        string? cursor = null;
        do
        {
            var path = $"api/v1/experiments/{Uri.EscapeDataString(id)}/trials?limit={PageSize}"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetOrNullAsync<RemotePage<TrialRecord>>(path, cancellationToken).ConfigureAwait(false)
                ?? throw new RemoteException(RemoteFailure.NotFound, $"no experiment '{id}' on {Address}");
            trials.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return trials;
    }

    /// <summary>The <paramref name="limit"/> newest incidents, newest first.</summary>
    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(int limit, CancellationToken cancellationToken =
        default)
    {
        var ids = await IdsAsync("api/v1/incidents", limit, cancellationToken).ConfigureAwait(false);
        var incidents = new List<Incident>(ids.Count);
        foreach (var id in ids)
        {
            if (await FindIncidentAsync(id, cancellationToken).ConfigureAwait(false) is { } i) incidents.Add(i);
        }

        return incidents;
    }

    /// <summary>The incident <paramref name="idOrPrefix"/> names, or null when the server has none.</summary>
    public Task<Incident?> FindIncidentAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<Incident>("api/v1/incidents/" + Uri.EscapeDataString(idOrPrefix), cancellationToken);

    /// <summary>Stores <paramref name="experiment"/> and those of <paramref name="trials"/> the server does not hold
    /// yet: created when new, replaced (status, verdict) when it exists. Safe to repeat after a failure: a trial is
    /// never sent twice.</summary>
    /// <returns>Whether the experiment was created (else updated), and how many trials were added.</returns>
    public async Task<(bool Created, int TrialsAdded)> SubmitAsync(
        Experiment experiment, IReadOnlyList<TrialRecord> trials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(trials);
        var path = "api/v1/experiments/" + Uri.EscapeDataString(experiment.Id);
        var existing = await GetOrNullAsync<Experiment>(path, cancellationToken).ConfigureAwait(false);
        // A prefix lookup could find another experiment; only the same id counts as "already there".
        var created = existing is null || existing.Id != experiment.Id;
        using (var response = created
            ? await SendAsync(HttpMethod.Post, "api/v1/experiments", experiment,
                cancellationToken).ConfigureAwait(false)
            : await SendAsync(HttpMethod.Put, path, experiment, cancellationToken).ConfigureAwait(false))
        {
            await EnsureAsync(response, $"store experiment {experiment.Id}", cancellationToken).ConfigureAwait(false);
        }

        var held = created
            ? new HashSet<int>()
            : (await TrialsAsync(experiment.Id, cancellationToken).ConfigureAwait(false)).Select(t
                => t.Sequence).ToHashSet();
        var missing = trials.Where(t => !held.Contains(t.Sequence)).ToList();
        if (missing.Count > 0)
        {
            using var response = await SendAsync(HttpMethod.Post, path + "/trials", missing,
                cancellationToken).ConfigureAwait(false);
            await EnsureAsync(response, $"store the trials of {experiment.Id}",
                cancellationToken).ConfigureAwait(false);
        }

        return (created, missing.Count);
    }

    /// <summary>Stores <paramref name="calibration"/> unless the server holds one with its id (a calibration never
    /// changes once made); returns whether it was sent.</summary>
    public Task<bool> SubmitCalibrationAsync(Calibration calibration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return SubmitOnceAsync("calibrations", calibration.Id, calibration, "calibration", cancellationToken);
    }

    /// <summary>Stores <paramref name="incident"/> unless the server holds it (its id derives from repository,
    /// workflow, culprit and metric; the server's triage of it is kept); returns whether it was sent.</summary>
    public Task<bool> SubmitIncidentAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return SubmitOnceAsync("incidents", incident.Id, incident, "incident", cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private async Task<bool> SubmitOnceAsync(string collection, string id, object document, string what,
        CancellationToken cancellationToken)
    {
        var path = $"api/v1/{collection}";
        var existing = await GetOrNullAsync<Identified>(path + "/" + Uri.EscapeDataString(id), cancellationToken)
            .ConfigureAwait(false);
        // A prefix lookup could find another one; only the same id counts as "already there".
        if (existing?.Id == id) return false;
        using var response = await SendAsync(HttpMethod.Post, path, document, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"store {what} {id}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<List<string>> IdsAsync(string path, int limit, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? cursor = null;
        while (ids.Count < limit)
        {
            var size = Math.Min(PageSize, limit - ids.Count);
            var url = string.Create(CultureInfo.InvariantCulture, $"{path}?limit={size}")
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await GetOrNullAsync<RemotePage<JsonElement>>(url, cancellationToken).ConfigureAwait(false)
                ?? throw new RemoteException(RemoteFailure.Rejected,
                    $"{Address}{path} is not found: is it an AiLab server?");
            ids.AddRange(page.Items.Select(item => item.GetProperty("id").GetString()!));
            cursor = page.NextCursor;
            if (cursor is null) break;
        }

        return ids;
    }

    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, "read " + path.Split('?')[0], cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return StorageJson.Deserialize<T>(body);
        }
        catch (JsonException e)
        {
            throw new RemoteException(RemoteFailure.Rejected,
                $"{Address}{path} did not answer with AiLab's JSON ({e.Message}); is it an AiLab server?", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(StorageJson.Serialize(body), Encoding.UTF8, "application/json");
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteException(RemoteFailure.Unreachable,
                $"cannot reach the AiLab server at {Address} ({e.Message}); is 'ailab serve' running there?", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteException(RemoteFailure.Unreachable,
                $"the AiLab server at {Address} did not answer within {http.Timeout.TotalSeconds:0} s", e);
        }
    }

    private async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var detail = await ProblemDetailAsync(response, cancellationToken).ConfigureAwait(false);
        var code = (int)response.StatusCode;
        var (failure, hint) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => (RemoteFailure.Unauthorized,
                $"; set {tokenSource} to a token from 'ailab token create' on the server"),
            HttpStatusCode.Forbidden => (RemoteFailure.Forbidden, $"; put a valid token in {tokenSource}"),
            HttpStatusCode.NotFound => (RemoteFailure.NotFound, ""),
            _ => (RemoteFailure.Rejected, ""),
        };
        throw new RemoteException(failure,
            string.Create(CultureInfo.InvariantCulture, $"{Address} refused to {what}: {code} {detail}{hint}"));
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    /// <summary>The id of a stored document, all the existence check reads.</summary>
    private sealed class Identified
    {
        public string? Id { get; init; }
    }
}
