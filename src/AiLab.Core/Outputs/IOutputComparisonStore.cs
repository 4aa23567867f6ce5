using AiLab.Core.Experiments;

namespace AiLab.Core.Outputs;

/// <summary>Durable home of model-output comparisons and their flipped examples.</summary>
public interface IOutputComparisonStore
{
    /// <summary>Stores a comparison and its flipped examples atomically.</summary>
    Task AddAsync(
        OutputComparisonRow row, IEnumerable<OutputFlipRow> flips, CancellationToken cancellationToken = default);

    /// <summary>The newest comparisons first.</summary>
    Task<IReadOnlyList<OutputComparisonRow>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The comparison with this id or unique id prefix; null when none.</summary>
    /// <exception cref="AmbiguousIdException">The prefix matches more than one comparison.</exception>
    Task<OutputComparisonRow?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>The stored flipped examples of one comparison, largest score change first.</summary>
    Task<IReadOnlyList<OutputFlipRow>> FlipsAsync(string comparisonId, CancellationToken cancellationToken = default);
}
