namespace AiLab.Core.Workflows;

/// <summary>Instrumentation the harness switches on for a workload that was not changed to call the probe.</summary>
public enum AutoInstrument
{
    /// <summary>The workload marks its own phases (or relies on the first-batch pattern).</summary>
    None,

    /// <summary>PyTorch: <c>imports</c> when the main module's imports are done, <c>first_batch</c> at the first
    /// DataLoader batch (or, with no DataLoader, the first forward of an <c>nn.Module</c>).</summary>
    Torch,
}
