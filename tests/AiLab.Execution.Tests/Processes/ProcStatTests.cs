using System.Text;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

public sealed class ProcStatTests
{
    [Fact]
    public void TryParse_CommWithSpacesAndParens_ReadsFieldsAfterIt()
    {
        var stat = "4242 (my (odd) name) S 1 4240 4200 0 -1 4194560 38416 0 0 0 284 572 0 0 20 0 7 0 13 47497216 3869 "
                   + "18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 1 0 0 0 0 0\n";

        Assert.True(ProcStat.TryParse(Encoding.ASCII.GetBytes(stat), out var parsed));

        Assert.Equal(new ProcStat('S', 4240, 4200, 7, 3869), parsed);
        Assert.False(parsed.IsZombie);
    }

    [Fact]
    public void TryParse_Zombie_IsZombie()
    {
        var stat = "7 (sh) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 13 0 0 0\n";

        Assert.True(ProcStat.TryParse(Encoding.ASCII.GetBytes(stat), out var parsed));

        Assert.True(parsed.IsZombie);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12 (truncated) S 1 2")]
    [InlineData("no parenthesis at all")]
    public void TryParse_Malformed_ReturnsFalse(string stat) =>
        Assert.False(ProcStat.TryParse(Encoding.ASCII.GetBytes(stat), out _));

    [Fact]
    public void TryReadStat_OwnProcess_MatchesEnvironment()
    {
        Assert.True(ProcFs.TryReadStat(Environment.ProcessId, out var stat));

        Assert.False(stat.IsZombie);
        Assert.True(stat.Threads > 1);
        Assert.True(stat.RssPages * Environment.SystemPageSize > 10 * 1024 * 1024);
    }
}
