using System.Runtime.InteropServices;

namespace AiLab.Cli;

/// <summary>Turns Ctrl-C and SIGTERM into cancellation, so the running trial's process group is killed and what was
/// measured is stored before ailab exits. A second Ctrl-C exits at once.</summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration sigint;
    private readonly PosixSignalRegistration sigterm;

    public Interruption()
    {
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        sigint.Dispose();
        sigterm.Dispose();
        source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (source.IsCancellationRequested) return; // a second signal takes the default action: exit now
        context.Cancel = true;
        Console.Error.WriteLine("\nailab: interrupted; stopping the running trial and saving what was measured (Ctrl-C again to quit at once)");
        source.Cancel();
    }
}
