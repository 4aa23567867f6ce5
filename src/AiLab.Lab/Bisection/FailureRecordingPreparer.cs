using System.Collections.Concurrent;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Bisection;

/// <summary>Passes preparation on and remembers which variant of which experiment could not be prepared, so a failed
/// experiment says which side broke without parsing its message.</summary>
internal sealed class FailureRecordingPreparer(IVariantPreparer inner) : IVariantPreparer
{
    private readonly ConcurrentDictionary<string, string> _failed = new(StringComparer.Ordinal);

    public PreparedVariant Prepare(Experiment experiment, Variant variant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(variant);
        var prepared = inner.Prepare(experiment, variant, cancellationToken);
        if (!prepared.Succeeded) _failed.TryAdd(experiment.Id, variant.Label);
        return prepared;
    }

    /// <summary>The label of the variant of <paramref name="experimentId"/> that failed to prepare, if one did.</summary>
    public string? FailedVariant(string experimentId) => _failed.TryGetValue(experimentId, out var label) ? label : null;
}
