using System.Text.Json.Nodes;
using AiLab.Core.Workflows;
using AiLab.Lab.Shrinking;

namespace AiLab.Lab.Tests.Shrinking;

public sealed class ShrinkerTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static WorkflowSpec Spec(string run, ShrinkSettings? shrink = null) =>
        new() { Name = "train", Run = run, Shrink = shrink ?? ShrinkSettings.None };

    [Fact]
    public void Derive_JsonConfigOnCommandLine_ShrinksItsKnobsIntoADerivedFileAndPointsTheCommandAtIt()
    {
        const string Original = """{"steps": 150, "samples": 100000, "batch_size": 256, "hidden_sizes": [512, 512], "num_workers": 4, "seed": 7, "device": "cuda:0", "learning_rate": 0.01}""";
        File.WriteAllText(dir.File("config.json"), Original);

        var shrunk = Shrinker.Derive(Spec("python3 train.py --config config.json --lr 0.1"), dir.Path);

        Assert.Equal("python3 train.py --config config.shrunk.json --lr 0.1", shrunk.Shrunk.Run);
        Assert.Equal("train-shrunk", shrunk.Shrunk.Name);
        Assert.Equal("train", shrunk.Shrunk.ShrunkFrom);
        Assert.Equal("", shrunk.Shrunk.Environment["CUDA_VISIBLE_DEVICES"]);
        var tree = shrunk.Files[dir.File("config.shrunk.json")];
        Assert.Equal(1, (int)tree["steps"]!);
        Assert.Equal(10000, (int)tree["samples"]!);
        Assert.Equal("[128,128]", tree["hidden_sizes"]!.ToJsonString());
        Assert.Equal(1, (int)tree["num_workers"]!);
        Assert.Equal(7, (int)tree["seed"]!);
        Assert.Equal("cpu", (string)tree["device"]!);
        Assert.Equal(0.01, (double)tree["learning_rate"]!);
        Assert.Equal(["iterations", "data subset", "model width", "data-loader workers", "CPU device"],
            shrunk.Changes.Select(c => c.Rule));
        Assert.Equal(Original, File.ReadAllText(dir.File("config.json")));
        Assert.False(File.Exists(dir.File("config.shrunk.json"))); // deriving writes nothing
    }

    [Fact]
    public void Derive_WorkflowHoldingGpus_ShrunkHoldsNone()
    {
        var production = Spec("python3 train.py --steps 100") with { Gpus = 4 };

        var shrunk = Shrinker.Derive(production, dir.Path);

        Assert.Equal((4, 0), (shrunk.Production.Gpus, shrunk.Shrunk.Gpus));
    }

    [Fact]
    public void Derive_FlagsInBothForms_ShrinksTheirValuesInPlace()
    {
        var shrunk = Shrinker.Derive(Spec("python3 train.py --max-steps 5000 --epochs=3 --num_workers 8 --name x"),
            dir.Path);

        Assert.Equal("python3 train.py --max-steps 1 --epochs=1 --num_workers 1 --name x", shrunk.Shrunk.Run);
        Assert.All(shrunk.Changes, c => Assert.Equal(Shrinker.CommandLine, c.Where));
    }

    [Fact]
    public void Derive_NestedYamlWithOverridesAndKeep_AppliesThemAndKeepsTheRest()
    {
        File.WriteAllText(dir.File("train.yaml"),
            "trainer:\n  max_epochs: 20\n  devices: 8\nmodel:\n  num_layers: 12\n  d_model: 768\n");
        var settings = new ShrinkSettings
        {
            Set = new Dictionary<string, string> { ["model.num_layers"] = "2", ["--threads"] = "1" },
            Keep = ["d_model"],
        };

        var shrunk = Shrinker.Derive(Spec("python3 fit.py -c train.yaml", settings), dir.Path);

        var tree = shrunk.Files[dir.File("train.shrunk.yaml")];
        Assert.Equal(1, (int)tree["trainer"]!["max_epochs"]!);
        Assert.Equal(2, (int)tree["model"]!["num_layers"]!);
        Assert.Equal(768, (int)tree["model"]!["d_model"]!);
        Assert.Equal("python3 fit.py -c train.shrunk.yaml --threads 1", shrunk.Shrunk.Run);
        Assert.Contains(shrunk.Changes, c => c is { Key: "model.num_layers", Rule: "override" });
    }

    [Fact]
    public void Derive_ValueTheRuleDoesNotUnderstand_ThrowsWithFileKeyAndReasonAndWritesNothing()
    {
        File.WriteAllText(dir.File("config.json"), """{"steps": "many", "model": {"hidden_size": {"a": 1}, "width": "wide"}}""");

        var e = Assert.Throws<ShrinkException>(() => Shrinker.Derive(Spec("python3 t.py --config config.json"),
            dir.Path));

        Assert.Contains(e.Problems, p => p is { Where: "config.json", Key: "steps" }
            && p.Reason.Contains("whole number", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p is { Where: "config.json", Key: "model.width" });
        Assert.Contains("config.json: 'steps'", e.Message, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Derive_InvalidJson_ReportsTheLine()
    {
        File.WriteAllText(dir.File("config.json"), "{\n  \"steps\": 10,\n  oops\n}");

        var e = Assert.Throws<ShrinkException>(() => Shrinker.Derive(Spec("python3 t.py config.json"), dir.Path));

        Assert.Contains("line 3", Assert.Single(e.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_TomlConfigOrNothingKnown_ThrowsWithTheReason()
    {
        File.WriteAllText(dir.File("train.toml"), "steps = 10\n");

        var toml = Assert.Throws<ShrinkException>(() => Shrinker.Derive(Spec("python3 t.py train.toml"), dir.Path));
        var nothing = Assert.Throws<ShrinkException>(() => Shrinker.Derive(Spec("python3 t.py --lr 0.1"), dir.Path));

        Assert.Contains("not .toml", Assert.Single(toml.Problems).Reason, StringComparison.Ordinal);
        Assert.Contains("nothing to shrink", Assert.Single(nothing.Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_OverrideOfAKeyNoConfigHas_IsAProblem()
    {
        File.WriteAllText(dir.File("c.json"), """{"steps": 10}""");
        var settings = new ShrinkSettings { Set = new Dictionary<string, string> { ["optimizer.lr"] = "0.1" } };

        var e = Assert.Throws<ShrinkException>(() => Shrinker.Derive(Spec("python3 t.py c.json", settings), dir.Path));

        Assert.Equal("shrink.set.optimizer.lr", Assert.Single(e.Problems).Key);
    }

    [Fact]
    public void DerivedWorkflowFile_Write_IsLoadableAndLeavesTheOriginalAlone()
    {
        const string Yaml = "workflows:\n  train:\n    run: python3 t.py --steps 100\n    env: {A: \"1\"}\n";
        File.WriteAllText(dir.File("ailab.yaml"), Yaml);
        var production = WorkflowConfig.Load(dir.File("ailab.yaml")).Get("train");
        var shrunk = Shrinker.Derive(production, dir.Path);

        var path = DerivedWorkflowFile.Write(dir.File("ailab.yaml"), shrunk.Shrunk);

        Assert.Equal(dir.File("ailab.shrunk.yaml"), path);
        var derived = WorkflowConfig.Load(path).Get("train-shrunk");
        Assert.Equal("python3 t.py --steps 1", derived.Run);
        Assert.Equal("train", derived.ShrunkFrom);
        Assert.Equal("1", derived.Environment["A"]);
        Assert.Equal(Yaml, File.ReadAllText(dir.File("ailab.yaml")));
    }

    [Fact]
    public void ConfigFile_YamlRoundTrip_KeepsTypes()
    {
        File.WriteAllText(dir.File("a.yaml"), "n: 3\nx: 0.5\nflag: true\nname: 'cpu'\nlist: [1, 2]\n");
        var tree = ConfigFile.Read(dir.File("a.yaml"), out var problem)!;
        Assert.Null(problem);
        ConfigFile.Write(dir.File("b.yaml"), tree);
        var back = ConfigFile.Read(dir.File("b.yaml"), out _)!;
        Assert.Equal(JsonNode.Parse("""{"n":3,"x":0.5,"flag":true,"name":"cpu","list":[1,2]}""")!.ToJsonString(), back.ToJsonString());
    }
}
