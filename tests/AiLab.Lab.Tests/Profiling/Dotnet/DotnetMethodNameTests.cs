using AiLab.Lab.Profiling.Dotnet;

namespace AiLab.Lab.Tests.Profiling.Dotnet;

public sealed class DotnetMethodNameTests
{
    [Theory]
    [InlineData("Slow.Burn(int32)", "spike", "Slow", "Burn")]
    [InlineData("Program.<Main>$(class System.String[])", "spike", "Program", "<Main>$")]
    [InlineData("System.Collections.Generic.Dictionary`2[System.__Canon,System.__Canon]..ctor(int32)",
        "System.Private.CoreLib", "System.Collections.Generic.Dictionary`2[System.__Canon,System.__Canon]", ".ctor")]
    [InlineData("System.Threading.Thread.<PollGC>g__PollGCWorker|67_0()", "System.Private.CoreLib",
        "System.Threading.Thread", "<PollGC>g__PollGCWorker|67_0")]
    public void Frame_TraceEventName_SplitsTypeAndMethodAtTheLastDotOutsideBrackets(string full, string assembly,
        string type, string method)
    {
        var frame = DotnetMethodName.Frame(full, assembly);

        Assert.Equal(type, frame.Module);
        Assert.Equal(method, frame.Name);
        Assert.Equal(assembly, frame.File);
        Assert.False(frame.IsNative);
    }

    [Fact]
    public void Frame_UnresolvedAddress_IsNativeAndSaysWhichModule()
    {
        var frame = DotnetMethodName.Frame("", "libcoreclr.so");

        Assert.True(frame.IsNative);
        Assert.Equal("native.? in libcoreclr.so", frame.Display);
    }
}
