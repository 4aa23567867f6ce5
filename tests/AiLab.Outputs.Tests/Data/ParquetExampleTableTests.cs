using AiLab.Outputs.Data;
using Parquet.Serialization;

namespace AiLab.Outputs.Tests.Data;

public sealed class ParquetExampleTableTests
{
    [Fact]
    public async Task Read_Parquet_GivesTheSameTableAsTheSameRowsInJsonLines()
    {
        using var dir = new TempDir();
        Row[] rows =
        [
            new() { Id = "a", F0 = 0.25, Count = 3, Flag = true, Slice = "north" },
            new() { Id = "b", F0 = -1.5, Count = 0, Flag = false, Slice = null },
            new() { Id = "c", F0 = 1e-7, Count = -2, Flag = true, Slice = "south" },
        ];
        var parquet = Path.Combine(dir.Path, "d.parquet");
        await ParquetSerializer.SerializeAsync(rows, parquet);
        var jsonl = dir.Write("d.jsonl", string.Concat(rows.Select(r =>
            $"{{\"Id\":\"{r.Id}\",\"F0\":{r.F0:R},\"Count\":{r.Count},\"Flag\":{(r.Flag ? "true" : "false")}" +
            (r.Slice is null ? "" : $",\"Slice\":\"{r.Slice}\"") + "}\n")));

        var fromParquet = ExampleTableReader.Read(parquet, "Id");
        var fromJson = ExampleTableReader.Read(jsonl, "Id");

        Assert.Equal(fromJson.Ids, fromParquet.Ids);
        foreach (var column in new[] { "F0", "Count", "Flag" })
        {
            Assert.Equal(fromJson.Numbers(column, "test"), fromParquet.Numbers(column, "test"));
        }

        Assert.Equal(["north", "(none)", "south"], fromParquet.Texts("Slice", "test"));
        Assert.Equal(fromJson.Texts("Slice", "test"), fromParquet.Texts("Slice", "test"));
    }

    [Fact]
    public void Read_NotParquet_SaysSoWithTheFileName()
    {
        using var dir = new TempDir();
        var path = dir.Write("broken.parquet", "this is not parquet");

        var e = Assert.Throws<OutputsInputException>(() => ExampleTableReader.Read(path, null));

        Assert.StartsWith("broken.parquet: not a readable Parquet file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ListColumn_NamesTheColumnAndHowToFixIt()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "nested.parquet");
        await ParquetSerializer.SerializeAsync(new[] { new Nested { Id = "a", Values = [1, 2] } }, path);

        var e = Assert.Throws<OutputsInputException>(() => ExampleTableReader.Read(path, "Id"));

        Assert.Contains("column 'Values' of row 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("flatten lists and structs first", e.Message, StringComparison.Ordinal);
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";

        public double F0 { get; set; }

        public int Count { get; set; }

        public bool Flag { get; set; }

        public string? Slice { get; set; }
    }

    private sealed class Nested
    {
        public string Id { get; set; } = "";

        public List<int> Values { get; set; } = [];
    }
}
