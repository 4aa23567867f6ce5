namespace MlnetTrain;

/// <summary>Ships the validated config to a "log collector". With MLNET_TRAIN_TELEMETRY=blocking it does what a
/// real regression once did: the call looks asynchronous, but the caller waits for it, so ~120 ms of collector
/// latency lands in config validation. `ailab demo` uses it as the candidate when PyTorch is not installed.</summary>
internal static class ConfigTelemetry
{
    /// <summary>The environment variable that turns the blocking shipper on.</summary>
    public const string Variable = "MLNET_TRAIN_TELEMETRY";

    /// <summary>Ships <paramref name="config"/> when the variable asks for it; otherwise does nothing.</summary>
    public static void ShipIfEnabled(TrainingConfig config)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), "blocking", StringComparison.Ordinal)) return;
        // "Fire and forget" that is not: GetResult() waits for the simulated network flush.
        SendAsync(config).GetAwaiter().GetResult();
    }

    private static async Task SendAsync(TrainingConfig config)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(120)).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "mlnet-train-telemetry.log"), $"{config}\n").ConfigureAwait(false);
    }
}
