using AiLab.EndToEnd.Tests.Harness;
using AiLab.Lab.Tests.Profiling.Dotnet;

namespace AiLab.EndToEnd.Tests.Profiling;

/// <summary>Issue 14's .NET case through the real CLI, with the default profile options (but for the A/A's trials):
/// the ML.NET example (examples/mlnet-train, built once for the class) with its planted slow method in B, and the same
/// program on both sides. The profile-runner tests (MlnetProfileTests) cover the same workload below the CLI; these
/// check what a user of <c>ailab ab --profile</c> and <c>ailab profile</c> gets.</summary>
[Collection(TimingSensitive.Name)]
public sealed class MlnetProfileEndToEndTests(MlnetExampleBuild example) : IClassFixture<MlnetExampleBuild>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    private string Run => $"dotnet {Path.Combine(example.Folder, "out", "MlnetTrain.dll")}";

    [Fact]
    public void AbProfile_MlnetPlantedAudit_RegressionAndTopFindingNamesConfigAuditFingerprint()
    {
        using var sandbox = new Sandbox();

        // 6 measured trials a variant (the +200 ms audit is a clear regression at that size) and no confirmation run:
        // the confirmation rule is ab's, tested elsewhere; this test is about the profile attached to the verdict.
        var result = sandbox.StartWith(new Dictionary<string, string?>(), "ab", "--a", "MLNET_TRAIN_AUDIT=off",
            "--b", "MLNET_TRAIN_AUDIT=full", "--run", Run, "--trials", "6", "--no-confirm", "--seed", "3", "--json",
            "--profile").WaitForExit(Long);

        result.AssertExit(0);
        var doc = result.Json();
        Assert.Equal("regression", doc.Str("verdict"));
        var profile = doc.GetProperty("profile");
        var findings = string.Join("; ", profile.GetProperty("findings").EnumerateArray().Select(f =>
            f.Str("summary")));
        Console.WriteLine("mlnet ab --profile: " + findings);
        Assert.True(profile.GetProperty("findings").GetArrayLength() > 0, "no finding: " + profile.GetRawText());
        var top = profile.GetProperty("findings")[0];
        Assert.Equal(["MlnetTrain.ConfigAudit.Fingerprint", "MlnetTrain.ConfigAudit.AuditIfEnabled"],
            top.GetProperty("path").EnumerateArray().Take(2).Select(p => p.GetString()));
        Assert.Equal("config_validation", top.Str("phase"));
        Assert.True(top.GetProperty("change_ms").GetDouble() > 0, top.Str("summary"));

        // Stored with the experiment and shown from the store.
        var shown = sandbox.Ailab("show", doc.Id(), "--json").AssertExit(0).Json();
        Assert.Equal(top.Str("summary"), shown.GetProperty("profile").GetProperty("findings")[0].Str("summary"));
        Assert.Contains(top.Str("summary"), sandbox.Ailab("show", doc.Id()).AssertExit(0).Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_MlnetSameProgramOnBothSides_NoFindingAboveNoise()
    {
        using var sandbox = new Sandbox();

        // The default 8 profiled trials a variant: at 5, at load ~22, one run in two named a near-floor runtime
        // start-up path (-11.6 ms, -1.0% of TTFB, EventSource initialisation in imports); at 8, 0 findings in 4 runs.
        var result = sandbox.StartWith(new Dictionary<string, string?>(), "profile", "--a", "AA=1", "--b", "AA=2",
            "--run", Run, "--json").WaitForExit(Long);

        result.AssertExit(0);
        var doc = result.Json();
        var findings = doc.GetProperty("findings");
        Console.WriteLine($"mlnet A/A: {findings.GetArrayLength()} findings; " +
                          doc.GetProperty("sampling_noise").GetRawText());
        Assert.True(findings.GetArrayLength() == 0, findings.GetRawText());
        // Not empty for want of a profile: every trial's EventPipe trace was read, with paths that could be findings.
        Assert.All(doc.GetProperty("trials").EnumerateObject(), t => Assert.Equal(8, t.Value.GetInt32()));
        Assert.True(doc.GetProperty("sampling_noise").GetProperty("paths").GetInt32() > 0,
            doc.GetProperty("sampling_noise").GetRawText());
    }
}
