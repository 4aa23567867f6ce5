using System.CommandLine;
using AiLab.Application;
using AiLab.Application.Settings;
using AiLab.Application.Workflows;
using AiLab.Core.Machine;
using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.Lab.Machine;

namespace AiLab.Cli.Commands;

/// <summary>The options that say what to run: an ad-hoc <c>--run</c> command or a workflow of ailab.yaml, plus
/// overrides. Shared by <c>ab</c> and <c>run</c>.</summary>
internal sealed class WorkflowOptions
{
    public Option<string?> Repo { get; } = new("--repo")
    {
        Description = "Git repository the revisions come from (default: the current directory when a revision is named).",
        HelpName = "DIR",
    };

    public Option<string?> Run { get; } = new("--run")
    {
        Description = "Shell command that runs one trial, e.g. \"python3 train.py\". Needs no config file.",
        HelpName = "CMD",
    };

    public Option<string?> Build { get; } = new("--build")
    {
        Description = "Shell command run once per revision before its trials; the build is reused for every trial and cached "
            + "per source tree.",
        HelpName = "CMD",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Workflow file (default: ailab.yaml in the repository or current directory). See docs/ailab-yaml.md.",
        HelpName = "FILE",
    };

    public Option<string?> Workflow { get; } = new("--workflow")
    {
        Description = "Name of the workflow in the config file to run, instead of --run.",
        HelpName = "NAME",
    };

    public Option<int?> Trials { get; } = new("--trials")
    {
        Description = "Measured trials per variant (default: the workflow's, else 10).",
        HelpName = "N",
    };

    public Option<int?> Warmup { get; } = new("--warmup")
    {
        Description = "Warm-up trials per variant, run first and discarded (default: the workflow's, else 1).",
        HelpName = "N",
    };

    public Option<string?> Timeout { get; } = new("--timeout")
    {
        Description = "Wall-clock limit of one trial, e.g. 90s, 5m (default: the workflow's, else 10m). Past it the process "
            + "tree is killed and the trial fails.",
        HelpName = "DURATION",
    };

    public Option<string?> FirstBatchPattern { get; } = new("--first-batch-pattern")
    {
        Description = "Regular expression on stdout/stderr lines that marks first_batch, for workloads that cannot use the "
            + "probe.",
        HelpName = "REGEX",
    };

    public Option<string?> AutoInstrument { get; } = new("--auto-instrument")
    {
        Description = "Instrument an unmodified script: 'torch' marks imports and the first DataLoader batch (or first "
            + "forward); 'none'.",
        HelpName = "none|torch",
    };

    public Option<string?> RunTo { get; } = new("--run-to")
    {
        Description = "How long each trial runs: 'marks' (default) stops the workload's process group once first_batch "
            + "and every expected phase have arrived, the rest measures nothing; 'completion' lets it exit by itself "
            + "(steady-state CPU and memory). AILAB_RUN_TO sets the default.",
        HelpName = "marks|completion",
    };

    public Option<string?> Executor { get; } = new("--executor")
    {
        Description = "Where trials run: 'local' processes, or 'slurm' jobs submitted with sbatch (the workflow's slurm: "
            + "settings, else the cluster's defaults). Default: the workflow's executor:, else local. See docs/slurm.md.",
        HelpName = "local|slurm",
    };

    public Option<string?> Workdir { get; } = new("--workdir")
    {
        Description = "Directory to run in, relative to the repository root.",
        HelpName = "DIR",
    };

    public Option<string[]> Env { get; } = new("--env")
    {
        Description = "Environment variable for every trial of both variants (repeatable).",
        HelpName = "KEY=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Cpus { get; } = new("--cpus")
    {
        Description = "Pin every trial of both variants to these CPUs, e.g. 0 or 0,2-3; 'none' turns pinning off. Default (ab, "
            + "run, calibrate, doctor): 'auto', the steadiest and fastest cores of a per-core speed calibration cached "
            + "per machine; the AILAB_CPUS environment variable sets the default.",
        HelpName = "LIST|auto|none",
    };

    public Option<int?> Seed { get; } = new("--seed")
    {
        Description = "Seed of the trial order and the bootstrap, to reproduce an experiment's choices.",
        HelpName = "N",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document on stdout and nothing else there; progress stays on stderr.",
    };

    public Option<string?> Db { get; } = StoreOption.Create();

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress on stderr." };

    /// <summary>The options that define a new experiment; a resumed one keeps what it was created with.</summary>
    public IEnumerable<Option> Defining =>
    [
        Repo, Run, Build, Config, Workflow, Trials, Warmup, Timeout, FirstBatchPattern, AutoInstrument, RunTo, Workdir, Env,
        Cpus, Executor, Seed,
    ];

    /// <summary>Rejects, with exit 2, every option of <paramref name="defining"/> given together with --resume: a
    /// stored experiment's schedule and seed are fixed, and silently ignoring e.g. --trials would mislead.</summary>
    public static void RejectWithResume(ParseResult parse, string id, string verb, IEnumerable<Option> defining)
    {
        var given = defining.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
        if (given.Count > 0)
        {
            throw new UsageException(
                $"{string.Join(", ", given)} cannot be used with --resume: experiment {id} keeps the workflow, variants, trial "
                + $"counts and seed it was created with. Resume it as it is (ailab {verb} --resume {id}), or start a new "
                + "experiment with the new settings");
        }
    }

    public void AddTo(Command command)
    {
        foreach (var option in Defining.Concat([Json, Db, Quiet]))
            command.Options.Add(option);
    }

    /// <summary>The repository directory of <c>--repo</c>, checked at the edge; null when not given.</summary>
    public string? RepositoryFor(ParseResult parse)
    {
        if (parse.GetValue(Repo) is not { } repo) return null;
        if (string.IsNullOrWhiteSpace(repo)) throw new UsageException("--repo is empty; give the directory of a git repository");
        var full = Path.GetFullPath(repo);
        if (File.Exists(full)) throw new UsageException($"--repo {full} is a file, not a directory; give the directory of a git repository");
        if (!Directory.Exists(full)) throw new UsageException($"--repo {full} does not exist; give the directory of a git repository");
        return repo;
    }

    /// <summary>The workflow the user asked for, with command-line overrides applied.</summary>
    public WorkflowSpec ResolveWorkflow(ParseResult parse, string? repositoryRoot)
    {
        var run = parse.GetValue(Run);
        var name = parse.GetValue(Workflow);
        var config = parse.GetValue(Config);
        if (run is not null && name is not null)
            throw new UsageException("give either --run \"CMD\" or --workflow NAME, not both");
        if (run is null && name is null)
            throw new UsageException("say what to run: --run \"CMD\" (ad hoc) or --workflow NAME (from ailab.yaml)");
        if (run is not null && string.IsNullOrWhiteSpace(run))
            throw new UsageException("--run is empty; give the shell command that runs one trial");

        if (name is null && config is not null) throw new UsageException("--config only makes sense with --workflow NAME");
        var cpus = parse.GetValue(Cpus);
        var request = new WorkflowRequest
        {
            AdHocCommand = run,
            WorkflowName = name,
            ConfigPath = config,
            Build = parse.GetValue(Build),
            Timeout = parse.GetValue(Timeout),
            FirstBatchPattern = parse.GetValue(FirstBatchPattern),
            AutoInstrument = parse.GetValue(AutoInstrument),
            // Like --cpus and AILAB_CPUS: the variable sets the default for every command, the option wins.
            RunTo = parse.GetValue(RunTo) ?? (Environment.GetEnvironmentVariable("AILAB_RUN_TO") is { Length: > 0 } env
                ? env.Trim()
                : null),
            WorkingDirectory = parse.GetValue(Workdir),
            Environment = parse.GetValue(Env) ?? [],
            Cpus = cpus is null or CpuPinningResolver.Auto or CpuPinningResolver.None ? null : ParseCpus(cpus),
        };
        var spec = WorkflowResolver.Resolve(request, repositoryRoot, Directory.GetCurrentDirectory());
        return parse.GetValue(Executor) switch
        {
            null => spec,
            "local" => spec with { Slurm = null },
            "slurm" when spec.FirstBatchPattern is not null => throw new UsageException(
                "--executor slurm cannot time first_batch_pattern (the log arrives through the shared directory); "
                + "mark first_batch with the probe"),
            "slurm" => spec with { Slurm = spec.Slurm ?? SlurmSettings.Default },
            var other => throw new UsageException($"--executor '{other}' is not known; use 'local' or 'slurm'"),
        };
    }

    /// <summary>Settles the CPUs the trials run on (<see cref="CpuPinningResolver"/>): <c>--cpus</c>, else
    /// <c>AILAB_CPUS</c>, else the workflow's <c>cpus</c>, else the core-speed calibration; says the choice on
    /// <paramref name="say"/>.</summary>
    public (WorkflowSpec Spec, CpuPinning Pinning) Pin(ParseResult parse, WorkflowSpec spec, LabSession lab, TextWriter say)
    {
        if (spec.Slurm is not null)
        {
            // This machine's cores say nothing about the node's; Slurm binds each job to the CPUs it allocated.
            var onNode = new CpuPinning(null, MachineStateJudge.SlurmPinningSource,
                "the Slurm node binds each job to the CPUs it allocated");
            say.WriteLine($"ailab: trials run as Slurm jobs; {onNode.Reason}");
            return (spec with { Cpus = null }, onNode);
        }

        var pinning = ResolvePinning(parse.GetValue(Cpus), spec.Cpus, lab, say);
        return (spec with { Cpus = pinning.Cpus }, pinning);
    }

    /// <summary>The pinning for a <c>--cpus</c> value (null when not given) and the workflow's own CPUs.</summary>
    internal static CpuPinning ResolvePinning(string? option, IReadOnlyList<int>? workflowCpus, LabSession lab, TextWriter say)
    {
        var name = "--cpus";
        if (option is null && Environment.GetEnvironmentVariable("AILAB_CPUS") is { Length: > 0 } fromEnvironment)
        {
            option = fromEnvironment.Trim();
            name = "AILAB_CPUS";
        }

        var list = option is null or CpuPinningResolver.Auto or CpuPinningResolver.None ? null : ParseCpus(option, name);
        var pinning = CpuPinningResolver.Resolve(option, list, workflowCpus, name, () =>
        {
            say.WriteLine("ailab: choosing the CPUs for the trials (per-core speed calibration, cached per machine)...");
            return CpuPinningResolver.FromCalibration(lab.CoreSpeeds);
        });
        say.WriteLine($"ailab: trials pinned: {pinning.Describe()} ({pinning.Source}): {pinning.Reason}");
        return pinning;
    }

    public int TrialsFor(ParseResult parse, WorkflowSpec spec, int fallback = LabDefaults.Trials) =>
        TrialSettings.Trials(parse.GetValue(Trials), spec.Trials, fallback);

    public int WarmupFor(ParseResult parse, WorkflowSpec spec) => TrialSettings.Warmup(parse.GetValue(Warmup), spec.Warmup);

    /// <summary>Parses a CPU list such as <c>0</c>, <c>0,2</c> or <c>0-3</c>.</summary>
    internal static IReadOnlyList<int> ParseCpus(string text, string name = "--cpus")
    {
        var cpus = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => int.TryParse(
                    b, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
                throw new UsageException($"{name} '{text}' is not a CPU list; write e.g. 0, 0,2 or 0-3, or auto, or none");
            var low = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
            var high = int.Parse(bounds[^1], System.Globalization.CultureInfo.InvariantCulture);
            if (high < low) throw new UsageException($"{name} range '{part}' runs backwards");
            if (high >= Environment.ProcessorCount)
                throw new UsageException($"{name} {text}: CPU {high} does not exist here (CPUs 0-{Environment.ProcessorCount - 1})");
            for (var c = low; c <= high; c++) cpus.Add(c);
        }

        return cpus.ToList();
    }

    internal static string? FindConfig(string? repositoryRoot) =>
        WorkflowFiles.Find(repositoryRoot, Directory.GetCurrentDirectory());
}
