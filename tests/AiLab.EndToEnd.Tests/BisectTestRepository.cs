using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests;

/// <summary>Generates the bisection tests' repository: a torch-free training launcher with the phases of the PyTorch
/// example (imports, config_validation, preprocessing, model_build, first_batch) and a history of mostly neutral
/// commits — docs, comments, helper renames — among which one adds 100 ms to config validation, one removes a planted
/// 120 ms sleep from model building, one adds 80 ms to preprocessing, and one cannot be built (its build command
/// fails; the next commit repairs it).</summary>
internal sealed class BisectTestRepository
{
    /// <summary>The workflow's command: the system Python without site (faster, steadier start-up) and the probe.</summary>
    public const string Run = Workloads.Python + " -S train.py";

    /// <summary>The build command: fails in a tree that holds a file named BROKEN.</summary>
    public const string Build = "test ! -e BROKEN";

    private const string Launcher = """
        "A training launcher: validates its config, preprocesses, builds the model, takes the first batch."
        import time

        from ailab_probe import mark

        mark("imports")
        {0}

        def validate_config():
            time.sleep(0.040){1}
            return {{"batch_size": 32}}


        def preprocess(cfg):
            time.sleep(0.050){2}
            return list(range(cfg["batch_size"]))


        def {4}(cfg):
            time.sleep(0.040){3}
            return object()


        cfg = validate_config()
        mark("config_validation")
        data = preprocess(cfg)
        mark("preprocessing")
        model = {4}(cfg)
        mark("model_build")
        batch = data[:8]
        mark("first_batch")
        """;

    private BisectTestRepository(GitRepo repo, IReadOnlyList<string> chain, IReadOnlyDictionary<string, int> culprits, int broken)
    {
        Repo = repo;
        Chain = chain;
        Culprits = culprits;
        Broken = broken;
    }

    public GitRepo Repo { get; }

    /// <summary>Every commit, index 0 being the good one (tagged <c>base</c>).</summary>
    public IReadOnlyList<string> Chain { get; }

    /// <summary>Phase → the position of the commit that changed it.</summary>
    public IReadOnlyDictionary<string, int> Culprits { get; }

    /// <summary>Position of the commit that cannot be built.</summary>
    public int Broken { get; }

    /// <summary>Creates the repository in <paramref name="path"/> with <paramref name="commits"/> commits after base.
    /// Culprit positions are fractions of the range; the unbuildable commit is the first midpoint.</summary>
    public static BisectTestRepository Create(string path, int commits, string? config = null)
    {
        if (commits < 12) throw new ArgumentOutOfRangeException(nameof(commits), commits, "at least 12, so that the culprits and the broken commit do not collide");
        var repo = new GitRepo(path);
        var culprits = new Dictionary<string, int>
        {
            ["config_validation"] = (commits / 4) + 1,
            ["model_build"] = (commits / 2) + 3,
            ["preprocessing"] = (3 * commits / 4) + 2,
        };
        var broken = commits / 2;
        var state = new State();
        var chain = new List<string> { repo.Commit("Add the launcher", state.Files(config)) };
        repo.Git("tag", "base");
        for (var i = 1; i <= commits; i++)
        {
            var message = Change(state, i, culprits, broken);
            var marker = Path.Combine(path, "BROKEN");
            if (!state.Broken && File.Exists(marker)) File.Delete(marker); // `git add --all` in Commit stages the removal
            chain.Add(repo.Commit(message, state.Files(config)));
        }

        return new BisectTestRepository(repo, chain, culprits, broken);
    }

    private static string Change(State state, int i, Dictionary<string, int> culprits, int broken)
    {
        if (i == culprits["config_validation"])
        {
            state.ConfigExtra = "\n    time.sleep(0.100)  # validate every key against the full schema";
            return "Validate every config key against the full schema";
        }

        if (i == culprits["model_build"])
        {
            state.Planted = "";
            return "Cache the model registry lookup";
        }

        if (i == culprits["preprocessing"])
        {
            state.PreprocessExtra = "\n    time.sleep(0.080)  # normalize the features a second time";
            return "Normalize features twice for numerical safety";
        }

        if (i == broken)
        {
            state.Broken = true;
            return "WIP: half-done move of the build scripts";
        }

        if (i == broken + 1)
        {
            state.Broken = false;
            state.Docs.Add("The build scripts live in scripts/.");
            return "Finish moving the build scripts";
        }

        switch (i % 3)
        {
            case 0:
                state.Docs.Add($"Step {i}: documented the launcher's options.");
                return $"Document option {i}";
            case 1:
                state.Comments.Add($"# note {i}: explain why step {i} is ordered this way");
                return $"Comment on ordering ({i})";
            default:
                state.Builder = $"build_model_v{i}";
                return $"Rename the model builder ({i})";
        }
    }

    private sealed class State
    {
        public string ConfigExtra { get; set; } = "";

        public string PreprocessExtra { get; set; } = "";

        public string Planted { get; set; } = "\n    time.sleep(0.120)  # look the model up in the registry";

        public string Builder { get; set; } = "build_model";

        public bool Broken { get; set; }

        public List<string> Comments { get; } = [];

        public List<string> Docs { get; } = ["# Launcher", ""];

        public Dictionary<string, string> Files(string? config)
        {
            var files = new Dictionary<string, string>
            {
                ["train.py"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Launcher, string.Join("\n", Comments), ConfigExtra, PreprocessExtra, Planted, Builder),
                ["README.md"] = string.Join("\n", Docs) + "\n",
            };
            if (Broken) files["BROKEN"] = "the build scripts are half moved\n";
            if (config is not null) files["ailab.yaml"] = config;
            return files;
        }
    }
}
