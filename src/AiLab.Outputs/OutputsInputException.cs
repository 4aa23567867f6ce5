namespace AiLab.Outputs;

/// <summary>The data or a model does not fit the DAG (a missing column, a non-numeric value, a model whose inputs do
/// not match); the user fixes the input. Becomes exit code 2.</summary>
public sealed class OutputsInputException(string message) : Exception(message);
