using AiLab.Core.Incidents.Sinks;
using AiLab.Core.Workflows;
using AiLab.Core.Incidents;
using AiLab.Storage;

namespace AiLab.Notifications.Tests.Support;

/// <summary>A real SQLite store in a temp directory and an incident service built from ailab.yaml text, the way the
/// CLI builds it.</summary>
internal sealed class NotificationLab : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = new();

    private LabStores _stores;

    public NotificationLab() => _stores = StoreFactory.Open("sqlite:" + DatabasePath);

    public string Directory => _temp.Path;

    public string DatabasePath => _temp.File("ailab.db");

    public IIncidentStore Store => _stores.Incidents;

    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["AILAB_TEST_GH_TOKEN"] = "ghp_lab_token" };

    /// <summary>The notify section parsed from YAML (indented under 'notify:'), with a dummy workflow around it.</summary>
    public static NotifyConfig Config(string notifyYaml) =>
        WorkflowConfig.Parse($"workflows: {{train: {{run: python3 train.py}}}}\nnotify:\n{notifyYaml}", "ailab.yaml").Notify;

    public IncidentService Service(string notifyYaml) =>
        IncidentService.Create(Store, Config(notifyYaml), Directory, _http, environment: name => Environment.GetValueOrDefault(name));

    /// <summary>Closes the database and deletes it: every local delivery record is lost.</summary>
    public void LoseTheDatabase()
    {
        _stores.Dispose();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "ailab.db*"))
            File.Delete(file);
        _stores = StoreFactory.Open("sqlite:" + DatabasePath);
    }

    public void Dispose()
    {
        _stores.Dispose();
        _http.Dispose();
        _temp.Dispose();
    }
}
