namespace AiLab.Outputs.Dags;

/// <summary>Where the examples are and which column identifies them.</summary>
/// <param name="Path">Full path of the JSONL, CSV or Parquet file (relative paths in the DAG resolve against its folder).</param>
/// <param name="IdColumn">The column of example ids; null to number the examples by row.</param>
public sealed record DatasetSpec(string Path, string? IdColumn);
