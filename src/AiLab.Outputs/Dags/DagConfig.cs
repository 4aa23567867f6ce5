using AiLab.Outputs.Features;

namespace AiLab.Outputs.Dags;

/// <summary>An inference DAG read from its YAML file: a data set, feature nodes, model nodes, the comparison
/// node.</summary>
/// <param name="Name">The DAG's name, for listings.</param>
/// <param name="File">The file as the user named it, for messages.</param>
/// <param name="Dataset">The examples the models run on.</param>
/// <param name="Models">The model nodes, in file order.</param>
/// <param name="Compare">The signal-comparison node.</param>
public sealed record DagConfig(string Name, string File, DatasetSpec Dataset, IReadOnlyList<ModelNodeSpec> Models, CompareSpec Compare)
{
    /// <summary>The feature nodes, in file order; they run before any model node.</summary>
    public IReadOnlyList<FeatureNodeSpec> Features { get; init; } = [];

    /// <summary>The git repository whose revisions <c>node@REV</c> sides name (full path); null for the one holding
    /// the DAG file.</summary>
    public string? Repository { get; init; }

    /// <summary>A shell command run once in each revision's checkout before its node runs (e.g. export the model);
    /// null for none.</summary>
    public string? Build { get; init; }

    /// <summary>The model node called <paramref name="name"/>, or named by a side <c>node@REV</c>.</summary>
    public ModelNodeSpec Model(string name) => Models.First(m => m.Name == SideRef.Parse(name).Node);
}
