using AiLab.Core.Incidents;

namespace AiLab.Notifications.Tests.Support;

/// <summary>A sink whose answers the test scripts, for the notifier's own rules (retry, skip, isolation).</summary>
internal sealed class ScriptedSink(string name, Func<Incident, int, DeliveryOutcome> answer) : INotificationSink
{
    private int _calls;

    public string Name => name;

    public string Type => "scripted";

    public List<string> Delivered { get; } = [];

    public int Calls => _calls;

    public Task<DeliveryOutcome> DeliverAsync(Incident incident, CancellationToken cancellationToken)
    {
        var outcome = answer(incident, Interlocked.Increment(ref _calls));
        if (outcome.Succeeded)
            Delivered.Add(incident.Id);
        return Task.FromResult(outcome);
    }
}
