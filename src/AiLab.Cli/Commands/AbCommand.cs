using System.CommandLine;
using AiLab.Application;
using AiLab.Application.Planning;
using AiLab.Application.Settings;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Calibrations;
using AiLab.Lab.Experiments;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab ab</c>: baseline against candidate, interleaved, with a verdict per metric.</summary>
internal static class AbCommand
{
    public static Command Create()
    {
        var workflow = new WorkflowOptions();
        var a = new Option<string?>("--a")
        {
            Description = "Baseline: a git revision, optionally with environment variables (REV[,KEY=VALUE...]), or only "
                + "KEY=VALUE items for same code, other environment.",
            HelpName = "VARIANT",
        };

        var b = new Option<string?>("--b")
        {
            Description = "Candidate, in the same form as --a.",
            HelpName = "VARIANT",
        };

        var resume = new Option<string?>("--resume")
        {
            Description = "Continue an interrupted experiment by its id (or a unique prefix): stored trials are kept, the rest "
                + "run.",
            HelpName = "ID",
        };

        var minEffect = new Option<double?>("--min-effect")
        {
            Description = "Smallest relative change of the median that counts as a regression or improvement, in percent "
                + "(default 1).",
            HelpName = "PCT",
        };

        var minEffectMs = new Option<double?>("--min-effect-ms")
        {
            Description = "A change of a time metric of at least this many ms counts even under --min-effect percent: "
                + "the minimum effect is PCT or MS, whichever is smaller (default 50).",
            HelpName = "MS",
        };

        var alpha = new Option<double?>("--alpha")
        {
            Description = "Significance level of each metric's tests (default 0.01).",
            HelpName = "P",
        };

        var failOn = new Option<string[]>("--fail-on")
        {
            Description = "Exit with code 4 when the overall verdict is one of these: regression, improvement, inconclusive, "
                + "no_change (repeatable).",
            HelpName = "VERDICT",
        };

        var noConfirm = new Option<bool>("--no-confirm")
        {
            Description = "Report a regression or improvement without confirming it. By default a change is only reported when "
                + "a second experiment with fresh trials (new worktrees, new order) reproduces it with the same sign "
                + "and a compatible size; otherwise the verdict is inconclusive.",
        };

        var calibration = new Option<string>("--calibration")
        {
            Description = "Threshold of the TTFB verdict: 'auto' uses this workflow's newest calibration when it is fresh (same "
                + "machine, under 30 days; see ailab calibrate), 'none' the default α rules, or a calibration id.",
            DefaultValueFactory = _ => "auto", HelpName = "auto|none|ID",
        };

        var sequential = new Option<bool>("--sequential")
        {
            Description = "Add trials look by look and stop as soon as the answer is clear (group-sequential test, Pocock "
                + "α-spending: the false-positive rate stays honest under early stopping); the trial count then comes "
                + "from the design, capped per variant by the max-trials option.",
        };

        var maxTrials = new Option<int>("--max-trials")
        {
            Description = "With --sequential: most trials per variant (default 60).",
            DefaultValueFactory = _ => LabDefaults.SequentialMaxTrials, HelpName = "N",
        };

        var parallel = new Option<int?>("--parallel")
        {
            Description = "Most trials in flight at once, in balanced waves of A and B (docs/slurm.md). "
                + "Default: what a Slurm cluster has free for the trial's request; 1 for local trials, which share "
                + "the machine they are measured on (raising it trades noise for time).",
            HelpName = "N",
        };

        var profile = new ProfileCliOptions();
        var command = new Command("ab", "Compare two variants (revisions or environments) with interleaved trials and give a verdict per metric.");
        workflow.AddTo(command);
        foreach (var option in new Option[] { a, b, resume, minEffect, minEffectMs, alpha, failOn, noConfirm, calibration, sequential, maxTrials })
            command.Options.Add(option);
        command.Options.Add(parallel);
        profile.AddTo(command, withSwitch: true);
        var remote = new RemoteOptions();
        remote.AddTo(command);

        command.SetAction(async (parse, _) =>
        {
            var json = parse.GetValue(workflow.Json);
            var policy = VerdictPolicy.Default with
            {
                MinEffectPct = parse.GetValue(minEffect) ?? VerdictPolicy.Default.MinEffectPct,
                MinEffectCapMs = parse.GetValue(minEffectMs) ?? VerdictPolicy.Default.MinEffectCapMs,
                Alpha = parse.GetValue(alpha) ?? VerdictPolicy.Default.Alpha,
            };
            try { policy = policy.Validated(); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            var failVerdicts = VerdictSettings.FailOn(parse.GetValue(failOn) ?? [], VerdictSettings.Any);
            var profileOptions = profile.For(parse, requireSwitch: true);
            if (parse.GetResult(maxTrials) is { Implicit: false } && !parse.GetValue(sequential))
                throw new UsageException("--max-trials only applies with --sequential (a fixed design runs --trials per variant)");

            var resumeId = parse.GetValue(resume);
            if (resumeId is not null)
            {
                if (string.IsNullOrWhiteSpace(resumeId))
                    throw new UsageException("--resume is empty; give the id of the experiment to continue (see: ailab list)");
                WorkflowOptions.RejectWithResume(parse, resumeId, "ab", [.. workflow.Defining, a, b, sequential, maxTrials]);
            }

            if (parse.GetValue(parallel) is < 1)
                throw new UsageException(
                    $"--parallel must be at least 1 (trials in flight at once), got {parse.GetValue(parallel)}");
            // Checked before any trial: an unreachable server or a refused token should not cost minutes of work.
            using var server = remote.Connect(parse, writes: true);
            if (server is not null) await server.CheckTokenAsync().ConfigureAwait(false);
            using var lab = LabContext.Open(parse.GetValue(workflow.Db));
            lab.Runner.MaxTrialsInFlight = parse.GetValue(parallel);
            var basePolicy = policy;
            async Task<VerdictPolicy> CalibratedAsync(Experiment e)
            {
                try
                {
                    var (applied, note) = await CalibrationResolver.ResolveAsync(
                        lab.Calibrations, e, parse.GetValue(calibration)!, DateTimeOffset.UtcNow,
                        CalibrationFreshness.DefaultMaxAge, refit: e.Sequential is null).ConfigureAwait(false);
                    return basePolicy with { Calibration = applied, CalibrationNote = note };
                }
                catch (ArgumentException ex)
                {
                    throw new UsageException($"--calibration: {ex.Message}; see: ailab calibrate --list");
                }
            }

            Experiment experiment;
            await using var held = resumeId is null
                ? null
                : await lab.Leases.AcquireAsync((await FindForResumeAsync(lab, resumeId).ConfigureAwait(false)).Id)
                    .ConfigureAwait(false);
            if (resumeId is { } id)
            {
                experiment = (await lab.Store.FindAsync(id).ConfigureAwait(false))!;
                if (experiment.Kind != ExperimentKind.AB)
                {
                    throw new UsageException(
                        $"{experiment.Id} is not an A/B experiment; resume it with: ailab run --resume {experiment.Id}");
                }

                if (experiment.Status == ExperimentStatus.Completed)
                    Console.Error.WriteLine($"ailab: {experiment.Id} is already complete; recomputing its verdict");
                policy = await CalibratedAsync(experiment).ConfigureAwait(false);
            }
            else
            {
                var specA = parse.GetValue(a) ?? throw new UsageException(
                    "--a is required (the baseline): a revision like main or HEAD~1, or KEY=VALUE environment items");
                var specB = parse.GetValue(b) ?? throw new UsageException("--b is required (the candidate), in the same form as --a");
                var variants = new[] { ParseVariant("A", specA), ParseVariant("B", specB) };
                var repo = workflow.RepositoryFor(parse) ?? (variants.Any(v => v.Revision is not null) ? Directory.GetCurrentDirectory() : null);
                var spec = workflow.ResolveWorkflow(parse, repo);
                var trials = workflow.TrialsFor(parse, spec);
                var warmup = workflow.WarmupFor(parse, spec);
                var (pinned, pinning) = workflow.Pin(parse, spec, lab, parse.GetValue(workflow.Quiet) ? TextWriter.Null : Console.Error);
                spec = pinned;
                experiment = ExperimentPlanner.Create(
                    new ExperimentPlan
                    {
                        Kind = ExperimentKind.AB,
                        Workflow = spec,
                        RepositoryPath = repo,
                        WorkingDirectory = Directory.GetCurrentDirectory(),
                        Variants = variants,
                        Trials = trials,
                        Warmup = warmup,
                        Seed = parse.GetValue(workflow.Seed),
                    },
                    TimeProvider.System) with { Pinning = pinning };
                // The default trial count is the first look of an error-controlled extension; an explicit count
                // (--trials, the workflow's trials) keeps a strict fixed design.
                if (!parse.GetValue(sequential) && parse.GetValue(workflow.Trials) is null && spec.Trials is null)
                    experiment = experiment with { Extension = ExtensionDesign.Plan(experiment.TrialsPerVariant, policy.Alpha) };
                if (parse.GetValue(sequential))
                {
                    try
                    {
                        experiment = await SequentialPlanner.PlanAsync(
                            experiment, lab.Calibrations, policy, parse.GetValue(calibration)!, parse.GetValue(maxTrials),
                            DateTimeOffset.UtcNow).ConfigureAwait(false);
                    }
                    catch (ArgumentException e)
                    {
                        throw new UsageException($"--calibration: {e.Message}; see: ailab calibrate --list");
                    }
                }

                // Resolved before the experiment is stored: a calibration id that does not fit stores nothing.
                policy = await CalibratedAsync(experiment).ConfigureAwait(false);
                await lab.Store.CreateAsync(experiment).ConfigureAwait(false);
            }

            var code = await ExperimentExecution.RunAndReportAsync(
                lab, experiment, policy, json, parse.GetValue(workflow.Quiet), failVerdicts,
                confirm: !parse.GetValue(noConfirm), profile: profileOptions).ConfigureAwait(false);
            return await RemoteSubmit.AfterRunAsync(lab, server, remote, parse, experiment.Id,
                code).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The stored experiment <paramref name="id"/> names, for --resume.</summary>
    internal static async Task<Experiment> FindForResumeAsync(LabSession lab, string id) =>
        await lab.Store.FindAsync(id).ConfigureAwait(false)
            ?? throw new UsageException($"no experiment '{id}' in {lab.DatabasePath}; see: ailab list");

    internal static Variant ParseVariant(string label, string spec)
    {
        try { return Variant.Parse(label, spec); }
        catch (FormatException e) { throw new UsageException(e.Message); }
    }
}
