using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;

namespace AiLab.Outputs.Nodes;

/// <summary>Runs one model node over every example and returns one finite score per example, in table order.</summary>
public interface INodeRunner
{
    /// <summary>The scores; <see cref="NodeFailedException"/> when the node fails, naming the example where it can.</summary>
    Task<double[]> RunAsync(ModelNodeSpec node, ExampleTable examples, string folder, CancellationToken cancellation);
}
