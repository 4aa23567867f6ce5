using AiLab.Lab.Experiments;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>Collects progress reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class ListProgress : IProgress<ExperimentProgress>
{
    public List<ExperimentProgress> Reports { get; } = [];

    public void Report(ExperimentProgress value) => Reports.Add(value);
}
