using System.Text.Json;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Lab.Analysis;

namespace AiLab.Cli.Rendering;

/// <summary>The JSON documents of the command-line contract (docs/cli.md): snake_case, NaN as null, one
/// document.</summary>
internal static class JsonReport
{
    /// <summary>The document <c>ab --json</c> and <c>show --json</c> print.</summary>
    public static string Experiment(
        Experiment experiment, IReadOnlyList<TrialRecord> trials, bool includeTrials = false, ExperimentLease? lease = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("experiment_id", experiment.Id);
            w.WriteString("kind", WireNames.Of(experiment.Kind));
            w.WriteString("status", WireNames.Of(experiment.Status));
            if (StatusText.Reason(experiment) is { } reason) w.WriteString("status_reason", reason);
            WriteLease(w, experiment, lease);
            w.WriteString("created_at", experiment.CreatedAt);
            w.WriteString("workflow", experiment.Workflow.Name);
            w.WriteString("command", experiment.Workflow.Run);
            if (experiment.RepositoryPath is { } repo) w.WriteString("repository", repo);
            w.WriteNumber("trials_per_variant", experiment.TrialsPerVariant);
            w.WriteNumber("warmup_per_variant", experiment.WarmupPerVariant);
            w.WriteNumber("seed", experiment.Seed);
            // Names only, never values: what env_policy kept from the trials.
            w.WriteStartArray("withheld_env");
            foreach (var name in experiment.WithheldEnvironment) w.WriteStringValue(name);
            w.WriteEndArray();
            if (experiment.ConfirmationOf is { } of) w.WriteString("confirmation_of", of);
            MachineJson.WritePinning(w, experiment.Pinning);
            MachineJson.WriteExtension(w, experiment.Extension);
            w.WriteStartArray("variants");
            foreach (var v in experiment.Variants)
            {
                w.WriteStartObject();
                w.WriteString("label", v.Label);
                if (v.Revision is null) w.WriteNull("revision"); else w.WriteString("revision", v.Revision);
                if (experiment.Commits.TryGetValue(v.Label, out var sha)) w.WriteString("commit", sha);
                w.WriteStartObject("env");
                foreach (var (k, val) in v.Environment) w.WriteString(k, val);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (experiment.Kind == ExperimentKind.AB) WriteVerdict(w, experiment.Verdict);
            else WriteRunSummary(w, trials);
            StoredProfileReport.Write(w, experiment.Profile);
            WriteTrialCounts(w, trials);
            if (includeTrials) WriteTrials(w, trials);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The process running the experiment, while it runs; omitted otherwise.</summary>
    private static void WriteLease(Utf8JsonWriter w, Experiment experiment, ExperimentLease? lease)
    {
        if (lease is null || experiment.Status != ExperimentStatus.Running) return;
        w.WriteStartObject("lease");
        w.WriteNumber("pid", lease.Holder.Pid);
        w.WriteString("host", lease.Holder.Host);
        w.WriteString("acquired_at", lease.AcquiredAt);
        w.WriteString("heartbeat_at", lease.HeartbeatAt);
        w.WriteString("expires_at", lease.ExpiresAt);
        w.WriteEndObject();
    }

    /// <summary>The document <c>list --json</c> prints.</summary>
    public static string List(IReadOnlyList<Experiment> experiments, Func<string, ExperimentLease?>? leaseOf = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("experiments");
            foreach (var e in experiments)
            {
                w.WriteStartObject();
                w.WriteString("experiment_id", e.Id);
                w.WriteString("kind", e.Kind == ExperimentKind.AB ? "ab" : "run");
                w.WriteString("status", WireNames.Of(e.Status));
                WriteLease(w, e, leaseOf?.Invoke(e.Id));
                w.WriteString("created_at", e.CreatedAt);
                w.WriteString("workflow", e.Workflow.Name);
                w.WriteString("variants", string.Join(" vs ", e.Variants.Select(v => v.Describe())));
                if (e.Verdict is { } verdict) w.WriteString("verdict", verdict.Overall.ToWire()); else w.WriteNull("verdict");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteVerdict(Utf8JsonWriter w, ExperimentVerdict? verdict)
    {
        if (verdict is null)
        {
            w.WriteNull("verdict");
            return;
        }

        w.WriteString("verdict", verdict.Overall.ToWire());
        w.WriteString("primary_metric", verdict.PrimaryMetric);
        if (verdict.Cause is null) w.WriteNull("cause"); else w.WriteString("cause", verdict.Cause);
        w.WriteStartArray("metrics");
        foreach (var m in verdict.Metrics)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Name);
            w.WriteString("unit", m.Unit.Symbol);
            WriteSummary(w, "a", m.A);
            WriteSummary(w, "b", m.B);
            Number(w, "change_pct", m.ChangePct);
            Pair(w, "ci_pct", m.CiPct);
            Number(w, "diff", m.Diff);
            Pair(w, "ci_diff", m.CiDiff);
            Number(w, "p_value", m.PValue);
            Number(w, "mann_whitney_p", m.MannWhitneyP);
            if (m.PairedBlocks is { } pairedBlocks)
            {
                Number(w, "wilcoxon_p", m.WilcoxonP);
                w.WriteNumber("paired_blocks", pairedBlocks);
            }

            Number(w, "p_holm", m.AdjustedP);
            w.WriteString("verdict", m.Verdict.ToWire());
            w.WriteString("reason", m.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteBasis(w, verdict.Basis);
        WriteConfirmation(w, verdict.Confirmation);
        w.WriteStartArray("notes");
        foreach (var note in verdict.Notes) w.WriteStringValue(note);
        w.WriteEndArray();
    }

    private static void WriteBasis(Utf8JsonWriter w, DecisionBasis? basis)
    {
        if (basis is null)
        {
            w.WriteNull("basis");
            return;
        }

        w.WriteStartObject("basis");
        w.WriteString("test", WireNames.Of(basis.Test));
        Number(w, "statistic", basis.Statistic);
        Number(w, "threshold", basis.Threshold);
        Number(w, "p_value", basis.PValue);
        w.WriteString("threshold_source", basis.ThresholdSource);
        if (basis.CalibrationId is { } id) w.WriteString("calibration_id", id); else w.WriteNull("calibration_id");
        if (basis.CalibrationNote is { } note) w.WriteString("calibration_note", note); else w.WriteNull("calibration_note");
        Optional(w, "operating_fpr", basis.OperatingFpr);
        Optional(w, "operating_tpr", basis.OperatingTpr);
        Optional(w, "design_shift_pct", basis.DesignShiftPct);
        Optional(w, "min_detectable_effect_pct", basis.MinDetectableEffectPct);
        w.WriteStartObject("trials_used");
        w.WriteNumber("a", basis.TrialsA);
        w.WriteNumber("b", basis.TrialsB);
        w.WriteEndObject();
        if (basis.PairedBlocks is { } blocks) w.WriteNumber("paired_blocks", blocks);
        w.WriteString("rule", basis.Rule);
        if (basis.DecidedBy is { } by) w.WriteString("decided_by", by); else w.WriteNull("decided_by");
        w.WriteNumber("family_size", basis.FamilySize);
        Number(w, "family_alpha", basis.FamilyAlpha);
        Number(w, "ttfb_change_pct", basis.TtfbChangePct);
        Pair(w, "ttfb_ci_pct", basis.TtfbCiPct);
        if (basis.Summary is { } summary) w.WriteString("summary", summary); else w.WriteNull("summary");
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) Number(w, name, v);
        else w.WriteNull(name);
    }

    private static void WriteConfirmation(Utf8JsonWriter w, ConfirmationResult? confirmation)
    {
        if (confirmation is null)
        {
            w.WriteNull("confirmation");
            return;
        }

        w.WriteStartObject("confirmation");
        w.WriteString("experiment_id", confirmation.ExperimentId);
        w.WriteBoolean("confirmed", confirmation.Confirmed);
        w.WriteString("original_verdict", confirmation.Original.ToWire());
        if (confirmation.Confirming is { } v) w.WriteString("confirming_verdict", v.ToWire()); else w.WriteNull("confirming_verdict");
        Number(w, "change_pct", confirmation.ChangePct);
        Pair(w, "ci_pct", confirmation.CiPct);
        w.WriteString("reason", confirmation.Reason);
        w.WriteEndObject();
    }

    private static void WriteRunSummary(Utf8JsonWriter w, IReadOnlyList<TrialRecord> trials)
    {
        w.WriteStartArray("metrics");
        foreach (var (name, values) in RunSummary.Metrics(trials))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("unit", MetricCatalog.UnitOf(name).Symbol);
            WriteSummaryFields(w, RunSummary.Summarize(values));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteTrialCounts(Utf8JsonWriter w, IReadOnlyList<TrialRecord> trials)
    {
        var measured = trials.Where(t => !t.IsWarmup).ToList();
        w.WriteStartObject("trials");
        w.WriteNumber("measured", measured.Count);
        w.WriteNumber("warmup", trials.Count - measured.Count);
        w.WriteNumber("failed", measured.Count(t => !t.Result.Succeeded));
        w.WriteEndObject();
        w.WriteStartArray("failures");
        foreach (var t in trials.Where(t => !t.Result.Succeeded))
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", t.Sequence);
            w.WriteString("variant", t.Variant);
            w.WriteBoolean("warmup", t.IsWarmup);
            w.WriteString("failure", Snake(t.Result.Failure.ToString()));
            w.WriteString("reason", t.Result.Reason);
            w.WriteString("log", t.Result.LogPath);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Only for trials that have them (older trials and fakes do not): how the trial was stopped after its
    /// marks, when they had all arrived, and the GPU time it held.</summary>
    private static void WriteStop(Utf8JsonWriter w, TrialResult result)
    {
        if (result.Stop is { } stop)
        {
            w.WriteString("reason", result.Reason);
            w.WriteStartObject("stop");
            w.WriteString("after_mark", stop.AfterMark);
            w.WriteNumber("at_ms", Math.Round(stop.AtMs, 3));
            w.WriteBoolean("forced", stop.Forced);
            w.WriteEndObject();
        }

        if (result.MarksReached is { } reached)
        {
            w.WriteStartObject("marks_reached");
            w.WriteNumber("at_ms", Math.Round(reached.AtMs, 3));
            if (reached.CpuMs is { } cpu) w.WriteNumber("cpu_ms", Math.Round(cpu, 3));
            else w.WriteNull("cpu_ms");
            w.WriteEndObject();
        }

        if (result.GpuMs is { } gpu) w.WriteNumber("gpu_ms", Math.Round(gpu, 3));
    }

    private static void WriteTrials(Utf8JsonWriter w, IReadOnlyList<TrialRecord> trials)
    {
        w.WriteStartArray("trial_results");
        foreach (var t in trials)
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", t.Sequence);
            w.WriteString("variant", t.Variant);
            w.WriteBoolean("warmup", t.IsWarmup);
            w.WriteString("status", WireNames.Of(t.Result.Status));
            if (t.Result.TtfbMs is { } ttfb) w.WriteNumber("ttfb_ms", Math.Round(ttfb, 3)); else w.WriteNull("ttfb_ms");
            w.WriteStartObject("phases_ms");
            foreach (var p in t.Result.Phases) w.WriteNumber(p.Name, Math.Round(p.DurationMs, 3));
            w.WriteEndObject();
            w.WriteNumber("cpu_user_ms", Math.Round(t.Result.Resources.CpuUserMs, 3));
            w.WriteNumber("cpu_system_ms", Math.Round(t.Result.Resources.CpuSystemMs, 3));
            w.WriteNumber("peak_rss_bytes", t.Result.Resources.PeakRssBytes);
            if (t.Result.Resources.PeakRssMethod is { } method) w.WriteString("peak_rss_method", method);
            else w.WriteNull("peak_rss_method");
            w.WriteString("log", t.Result.LogPath);
            WriteStop(w, t.Result);
            MachineJson.WriteState(w, t.Result.Machine);
            if (t.Result.Scheduler is { } scheduler) SchedulerJson.Write(w, scheduler);
            if (t.Result.Block is { } block) w.WriteNumber("block", block);
            w.WriteStartArray("warnings");
            foreach (var warning in t.Result.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteSummary(Utf8JsonWriter w, string name, SampleSummary s)
    {
        w.WriteStartObject(name);
        WriteSummaryFields(w, s);
        w.WriteEndObject();
    }

    private static void WriteSummaryFields(Utf8JsonWriter w, SampleSummary s)
    {
        w.WriteNumber("n", s.N);
        Number(w, "median", s.Median);
        Number(w, "mean", s.Mean);
        Number(w, "stddev", s.StdDev);
        Number(w, "min", s.Min);
        Number(w, "max", s.Max);
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, 6));
        else w.WriteNull(name);
    }

    private static void Pair(Utf8JsonWriter w, string name, double[] values)
    {
        if (values.Length != 2 || !values.All(double.IsFinite))
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        w.WriteNumberValue(Math.Round(values[0], 6));
        w.WriteNumberValue(Math.Round(values[1], 6));
        w.WriteEndArray();
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
