namespace AiLab.Outputs.Dags;

/// <summary>An inference DAG read from its YAML file: a data set, model nodes, and the comparison node.</summary>
/// <param name="Name">The DAG's name, for listings.</param>
/// <param name="File">The file as the user named it, for messages.</param>
/// <param name="Dataset">The examples the models run on.</param>
/// <param name="Models">The model nodes, in file order.</param>
/// <param name="Compare">The signal-comparison node.</param>
public sealed record DagConfig(string Name, string File, DatasetSpec Dataset, IReadOnlyList<ModelNodeSpec> Models, CompareSpec Compare)
{
    /// <summary>The model node called <paramref name="name"/>.</summary>
    public ModelNodeSpec Model(string name) => Models.First(m => m.Name == name);
}
