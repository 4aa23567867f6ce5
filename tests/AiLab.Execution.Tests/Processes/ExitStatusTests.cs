using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

public sealed class ExitStatusTests
{
    [Theory]
    [InlineData(0x0000, 0, null)]
    [InlineData(0x0300, 3, null)]
    [InlineData(0x7f00, 127, null)]
    [InlineData(0x0009, null, 9)]
    [InlineData(0x008b, null, 11)] // SIGSEGV with the core-dump bit
    public void FromWaitStatus_DecodesLikeTheWaitMacros(int status, int? exitCode, int? signal)
    {
        var exit = ExitStatus.FromWaitStatus(status, 1, 2, 3);

        Assert.Equal(exitCode, exit.ExitCode);
        Assert.Equal(signal, exit.Signal);
    }
}
