using System.Runtime.InteropServices;

namespace AiLab.Execution.Tests.Processes;

/// <summary>The process umask, for tests that prove modes do not depend on it. It is process-wide: a test running in
/// parallel meanwhile only creates files more permissive than usual, which no test depends on.</summary>
internal static class LibUmask
{
    public static uint Set(uint mask) => Umask(mask);

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
}
