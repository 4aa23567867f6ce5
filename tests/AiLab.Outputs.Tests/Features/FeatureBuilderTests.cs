using AiLab.Outputs.Data;
using AiLab.Outputs.Features;

namespace AiLab.Outputs.Tests.Features;

public sealed class FeatureBuilderTests
{
    private static ExampleTable Table()
    {
        using var dir = new TempDir();
        var path = dir.Write("d.jsonl", """
            {"id": "a", "x": 1, "n": 0, "s": "red", "flag": true}
            {"id": "b", "x": 2, "n": 3, "s": "blue", "flag": false}
            {"id": "c", "x": 3, "s": "red", "flag": true}
            """);
        return ExampleTableReader.Read(path, "id");
    }

    private static FeatureNodeSpec Node(params FeatureSpec[] outputs) => new("feat", outputs, 1);

    private static FeatureSpec F(string output, string from, FeatureOp op, string? value = null, double? mean = null,
        double? std = null, double? fallback = null) => new(output, from, op, value, mean, std, fallback);

    [Fact]
    public void Apply_EachOp_DerivesTheDocumentedValues()
    {
        var table = FeatureBuilder.Apply(Node(
            F("x", "x", FeatureOp.Copy), F("flag", "flag", FeatureOp.Copy),
            F("given", "x", FeatureOp.Standardize, mean: 1, std: 0.5), F("own", "x", FeatureOp.Standardize),
            F("log", "n", FeatureOp.Log1p, fallback: 0), F("red", "s", FeatureOp.OneHot, value: "red")), Table());

        Assert.Equal([1.0, 2, 3], table.Numbers("feat.x", "t"));
        Assert.Equal([1.0, 0, 1], table.Numbers("feat.flag", "t"));
        Assert.Equal([0.0, 2, 4], table.Numbers("feat.given", "t"));
        // Population standard deviation of 1, 2, 3 is sqrt(2/3).
        var own = table.Numbers("feat.own", "t");
        Assert.Equal(-1 / Math.Sqrt(2.0 / 3), own[0], 12);
        Assert.Equal(0, own[1], 12);
        Assert.Equal([0.0, Math.Log(4), 0], table.Numbers("feat.log", "t"));
        Assert.Equal([1.0, 0, 1], table.Numbers("feat.red", "t"));
        Assert.Equal([1.0, 2, 3], table.Numbers("x", "t"));
    }

    [Fact]
    public void Apply_MissingValueWithoutDefault_NamesNodeOutputAndExample()
    {
        var e = Assert.Throws<OutputsInputException>(() =>
            FeatureBuilder.Apply(Node(F("n", "n", FeatureOp.Copy)), Table()));

        Assert.Contains("feature node 'feat' (output 'n')", e.Message, StringComparison.Ordinal);
        Assert.Contains("example 'c'", e.Message, StringComparison.Ordinal);
        Assert.Contains("default:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TextColumnAsNumber_NamesTheValue()
    {
        var e = Assert.Throws<OutputsInputException>(() =>
            FeatureBuilder.Apply(Node(F("s", "s", FeatureOp.Copy)), Table()));

        Assert.Contains("example 'a'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'red'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MissingColumn_ListsTheColumnsThereAre()
    {
        var e = Assert.Throws<OutputsInputException>(() =>
            FeatureBuilder.Apply(Node(F("z", "zz", FeatureOp.Copy)), Table()));

        Assert.Contains("reads column 'zz'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Its columns: id, x, n, s, flag", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ConstantColumnToStandardise_AsksForTheTrainingStd()
    {
        var e = Assert.Throws<OutputsInputException>(() =>
            FeatureBuilder.Apply(Node(F("f", "flag", FeatureOp.Standardize, mean: null, std: null)), Table().With(
                new Dictionary<string, double[]> { ["flag"] = [1, 1, 1] })));

        Assert.Contains("Give 'std:'", e.Message, StringComparison.Ordinal);
    }
}
