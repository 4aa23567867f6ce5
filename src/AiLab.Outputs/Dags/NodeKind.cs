namespace AiLab.Outputs.Dags;

/// <summary>What a model node runs.</summary>
public enum NodeKind
{
    /// <summary>An ONNX model through ONNX Runtime, in-process.</summary>
    Onnx,

    /// <summary>An ML.NET model (.zip), in-process.</summary>
    MlNet,

    /// <summary>An external process: JSONL examples on stdin, one JSONL output per example on stdout.</summary>
    Command,
}
