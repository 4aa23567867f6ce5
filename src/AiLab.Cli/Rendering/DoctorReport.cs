using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Core.Machine;
using AiLab.Core.Wire;
using AiLab.Lab.Machine;

namespace AiLab.Cli.Rendering;

/// <summary>The reports of <c>ailab doctor</c>: a text page and the JSON document.</summary>
internal static class DoctorReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Text(DoctorFindings f)
    {
        var sb = new StringBuilder();
        var m = f.Machine;
        sb.Append(Inv, $"Machine: {m.Host}, {m.CpuModel}, {m.LogicalCpus} CPUs (boot {m.BootId[..Math.Min(8, m.BootId.Length)]})").AppendLine();
        sb.Append(Inv, $"  core speeds  {CoreChooser.Describe(f.Cores.Cores)} per run of the calibration loop ({f.CoresSource})").AppendLine();
        sb.Append(Inv, $"  difference   {Difference(f.Cores)}").AppendLine();
        sb.Append(Inv, $"  pinning      {f.Pinning.Describe()} ({f.Pinning.Source}): {f.Pinning.Reason}").AppendLine();
        sb.Append("  cpufreq      ").AppendLine(string.Join("; ", f.Frequencies.Select(x => $"CPU {x.Cpu}: governor {x.Governor}, frequency {Mhz(x.Mhz)}")));
        var c = f.Current;
        sb.Append(Inv, $"  load now     other processes used {Num(c.OtherCpuCores, "0.00")} cores over the last second; "
            + $"load average {Num(c.LoadAverage1, "0.00")}; {Num(c.RunnableTasks, "0")} other tasks runnable; steal {Num(c.StealPct, "0.0")}%").AppendLine();
        sb.Append(Inv, $"  memory       MemAvailable {Num(c.MemAvailableMiB, "0")} MiB; "
            + $"memory pressure {Num(c.MemoryPressurePct, "0.0")}% (PSI some avg10)").AppendLine();

        if (f.NoiseRun is { } run)
        {
            sb.AppendLine();
            sb.Append(Inv, $"Noise floor: {run.Workflow.Name} `{run.Workflow.Run}`, {run.TrialsPerVariant} trials + "
                + $"{run.WarmupPerVariant} warm-up, {f.Pinning.Describe()} (experiment {run.Id})").AppendLine();
            if (f.Noise is { Metrics.Count: > 0 } noise)
            {
                var rows = new List<string[]> { new[] { "metric", "n", "median", "CV", "robust CV", "share of TTFB variance" } };
                rows.AddRange(noise.Metrics.Select(x => new[]
                {
                    x.Name, x.N.ToString(Inv), x.Median.ToString(x.Median >= 100 ? "0.0" : "0.00", Inv) + " " + x.Unit,
                    Num(x.CvPct, "0.0") + "%", Num(x.RobustCvPct, "0.0") + "%",
                    x.ShareOfTtfbVariance is { } s ? (Math.Round(100 * s) + 0.0).ToString("0", Inv) + "%" : "",
                }));
                var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
                foreach (var row in rows)
                    sb.AppendLine(("  " + string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i])))).TrimEnd());
                var ttfb = noise.Metrics.FirstOrDefault(x => x.Name == "ttfb");
                sb.Append(Inv, $"  busy trials  {noise.Busy} of {noise.Measured} ran while the machine was busy; {noise.Failed} failed").AppendLine();
                sb.Append(Inv, $"  trials per variant for a verdict here (α {NoiseFloor.Alpha}, {100 * NoiseFloor.Power:0}% power, "
                    + $"Welch on log TTFB, sd(log) {Num(ttfb?.LogSd, "0.0000")}): "
                    + $"3% needs {Num(noise.TrialsFor3Pct, "0")}, 5% needs {Num(noise.TrialsFor5Pct, "0")}").AppendLine();
            }
            else
            {
                sb.AppendLine("  no successful trial: nothing to measure (see the failed trials: ailab show " + run.Id + " --trials)");
            }
        }

        var d = f.DefaultDesign;
        sb.Append(Inv, $"  default ab design: {d.Looks[0]} trials per variant, extended to {string.Join(" then ", d.Looks.Skip(1))} only while inconclusive "
            + $"({d.Spending} α-spending: nominal α {string.Join(", ", d.NominalAlphas.Select(a => a.ToString("0.####", Inv)))} "
            + $"at the looks, overall {d.Alpha})").AppendLine();
        sb.AppendLine();
        if (f.Advice.Count == 0) sb.AppendLine("To lower the noise: nothing to change; the findings above are as quiet as this machine gets.");
        else
        {
            sb.AppendLine("To lower the noise:");
            foreach (var a in f.Advice) sb.Append("  - ").AppendLine(a);
        }

        return sb.ToString();
    }

    public static string Json(DoctorFindings f)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("machine");
            w.WriteString("host", f.Machine.Host);
            w.WriteString("cpu_model", f.Machine.CpuModel);
            w.WriteNumber("logical_cpus", f.Machine.LogicalCpus);
            w.WriteString("boot_id", f.Machine.BootId);
            w.WriteEndObject();
            w.WriteStartObject("cores");
            w.WriteString("source", f.CoresSource);
            w.WriteString("measured_at", f.Cores.MeasuredAt);
            Optional(w, "slowest_vs_fastest_pct", SpreadPct(f.Cores));
            w.WriteStartArray("speeds");
            foreach (var core in f.Cores.Cores)
            {
                w.WriteStartObject();
                w.WriteNumber("cpu", core.Cpu);
                Optional(w, "median_ms", core.MedianMs);
                Optional(w, "robust_cv_pct", 100 * core.RobustCv);
                w.WriteNumber("rounds", core.Rounds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            MachineJson.WritePinning(w, f.Pinning);
            w.WriteStartArray("cpufreq");
            foreach (var (cpu, governor, mhz) in f.Frequencies)
            {
                w.WriteStartObject();
                w.WriteNumber("cpu", cpu);
                w.WriteString("governor", governor);
                Optional(w, "mhz", mhz);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            MachineJson.WriteState(w, f.Current, "now");
            WriteNoise(w, f);
            MachineJson.WriteExtension(w, f.DefaultDesign, "default_ab_design");
            w.WriteStartArray("advice");
            foreach (var a in f.Advice) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNoise(Utf8JsonWriter w, DoctorFindings f)
    {
        if (f.NoiseRun is null)
        {
            w.WriteNull("noise");
            return;
        }

        w.WriteStartObject("noise");
        w.WriteString("experiment_id", f.NoiseRun.Id);
        w.WriteString("command", f.NoiseRun.Workflow.Run);
        w.WriteString("status", WireNames.Of(f.NoiseRun.Status));
        if (f.Noise is { } n)
        {
            w.WriteNumber("measured", n.Measured);
            w.WriteNumber("failed", n.Failed);
            w.WriteNumber("busy", n.Busy);
            w.WriteStartArray("metrics");
            foreach (var x in n.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("name", x.Name);
                w.WriteString("unit", x.Unit.Symbol);
                w.WriteNumber("n", x.N);
                Optional(w, "median", x.Median);
                Optional(w, "cv_pct", x.CvPct);
                Optional(w, "robust_cv_pct", x.RobustCvPct);
                Optional(w, "log_sd", x.LogSd);
                Optional(w, "share_of_ttfb_variance", x.ShareOfTtfbVariance);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("trials_needed");
            w.WriteNumber("alpha", NoiseFloor.Alpha);
            w.WriteNumber("power", NoiseFloor.Power);
            Optional(w, "shift_3_pct", n.TrialsFor3Pct);
            Optional(w, "shift_5_pct", n.TrialsFor5Pct);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static string Difference(CoreSpeedReport cores) => SpreadPct(cores) is { } pct
        ? string.Create(Inv, $"the slowest core takes {pct:0.0}% longer than the fastest for the same work")
        : "one core: nothing to compare";

    private static double? SpreadPct(CoreSpeedReport cores) => cores.Cores.Count > 1
        ? 100 * ((cores.Cores.Max(x => x.MedianMs) / cores.Cores.Min(x => x.MedianMs)) - 1)
        : null;

    private static string Mhz(double? mhz) => mhz is { } v ? v.ToString("0", Inv) + " MHz" : MachineState.Unavailable + " (no cpufreq here)";

    private static string Num(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, Inv) : MachineState.Unavailable;

    private static void Optional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 4));
        else w.WriteNull(name);
    }
}
