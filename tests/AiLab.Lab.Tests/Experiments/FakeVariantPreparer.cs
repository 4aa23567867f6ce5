using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>Prepares every variant in place with its own environment; can fail one variant or throw on cancellation
/// the way the real build cache does.</summary>
internal sealed class FakeVariantPreparer : IVariantPreparer
{
    /// <summary>Label of a variant whose build fails.</summary>
    public string? FailLabel { get; init; }

    /// <summary>When set, preparing this variant cancels <see cref="Cancel"/> and throws like an interrupted build.</summary>
    public string? InterruptLabel { get; init; }

    public CancellationTokenSource? Cancel { get; init; }

    public List<string> Prepared { get; } = [];

    public PreparedVariant Prepare(Experiment experiment, Variant variant, CancellationToken cancellationToken)
    {
        Prepared.Add(variant.Label);
        if (variant.Label == InterruptLabel)
        {
            Cancel!.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (variant.Label == FailLabel)
            return new PreparedVariant { Variant = variant, Succeeded = false, Reason = "the build command exited with code 2" };

        return new PreparedVariant
        {
            Variant = variant,
            Succeeded = true,
            WorkingDirectory = experiment.WorkingDirectory!,
            Environment = variant.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal),
        };
    }
}
