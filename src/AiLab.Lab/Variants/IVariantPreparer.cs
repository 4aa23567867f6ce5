using AiLab.Core.Experiments;
using AiLab.Core.Variants;

namespace AiLab.Lab.Variants;

/// <summary>Materializes and builds a variant once, so that all its trials reuse the build.</summary>
public interface IVariantPreparer
{
    /// <summary>Prepares <paramref name="variant"/> of <paramref name="experiment"/>. A failed build is a value, not an exception.</summary>
    PreparedVariant Prepare(Experiment experiment, Variant variant, CancellationToken cancellationToken);
}
