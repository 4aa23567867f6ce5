using AiLab.Outputs.Data;

namespace AiLab.Outputs.Tests.Data;

public sealed class ExampleTableReaderTests
{
    [Fact]
    public void Read_Csv_ParsesNumbersAndTexts()
    {
        using var dir = new TempDir();
        var path = dir.Write("d.csv", "id,x,s\nA,1.5,north\nB,-2,south\n");

        var table = ExampleTableReader.Read(path, "id");

        Assert.Equal(["A", "B"], table.Ids);
        Assert.Equal([1.5, -2], table.Numbers("x", "test"));
        Assert.Equal(["north", "south"], table.Texts("s", "test"));
    }

    [Fact]
    public void Numbers_MissingColumn_NamesTheUserAndTheColumnsThatExist()
    {
        using var dir = new TempDir();
        var table = ExampleTableReader.Read(dir.Write("d.jsonl", "{\"id\":\"a\",\"x\":1}\n"), "id");

        var e = Assert.Throws<OutputsInputException>(() => table.Numbers("f9", "node 'baseline'"));

        Assert.Equal("node 'baseline' reads column 'f9', which d.jsonl does not have. Its columns: id, x.", e.Message);
    }

    [Fact]
    public void Numbers_TextInANumericColumn_NamesTheExample()
    {
        using var dir = new TempDir();
        var table = ExampleTableReader.Read(dir.Write("d.jsonl", "{\"id\":\"a\",\"x\":1}\n{\"id\":\"b\",\"x\":\"oops\"}\n"), "id");

        var e = Assert.Throws<OutputsInputException>(() => table.Numbers("x", "node 'n'"));

        Assert.Contains("example 'b' (row 2 of d.jsonl) has 'oops' there, not a number", e.Message);
    }

    [Fact]
    public void Read_DuplicateId_IsRejectedWithItsRow()
    {
        using var dir = new TempDir();

        var e = Assert.Throws<OutputsInputException>(() => ExampleTableReader.Read(dir.Write("d.jsonl", "{\"id\":\"a\"}\n{\"id\":\"a\"}\n"), "id"));

        Assert.Contains("'a' appears twice", e.Message);
    }
}
