namespace AiLab.Lab.Bisection;

/// <summary>Runs one A/B comparison between two commits of the workflow under test. Bisection and the release tier
/// see the lab only through this seam, so a comparer that adds confirmation runs or calibrated thresholds can be put
/// in front of the plain experiment without changing the search.</summary>
public interface IRevisionComparer
{
    /// <summary>Compares <paramref name="baseCommit"/> (variant A) with <paramref name="candidateCommit"/> (variant B)
    /// with <paramref name="trialsPerVariant"/> measured trials each. A side that cannot be built or run is a value
    /// (<see cref="RevisionComparison.Failure"/>), not an exception; so is an interruption.</summary>
    Task<RevisionComparison> CompareAsync(string baseCommit, string candidateCommit, int trialsPerVariant, CancellationToken cancellationToken);
}
