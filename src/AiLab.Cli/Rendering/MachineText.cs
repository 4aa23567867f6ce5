using System.Globalization;
using AiLab.Core.Machine;
using AiLab.Lab.Machine;

namespace AiLab.Cli.Rendering;

/// <summary>The machine state of a trial in one line of <c>show --trials</c>.</summary>
internal static class MachineText
{
    /// <summary>"others=0.12c steal=0.0% load=1.20 freq=unavailable gov=unavailable mem=20480MiB psi=0.0%", and
    /// "BUSY(reason)" first when the judge flags it; "machine=unrecorded" for trials stored without it.</summary>
    public static string Trial(MachineState? state)
    {
        if (state is null) return "machine=unrecorded";
        var busy = MachineStateJudge.Busy(state) is { } why ? $"BUSY({why}) " : "";
        return busy + string.Create(CultureInfo.InvariantCulture,
            $"others={Num(state.OtherCpuCoresOnPinned ?? state.OtherCpuCores, "0.00", "c")} " +
            $"steal={Num(state.StealPct, "0.0", "%")} load={Num(state.LoadAverage1, "0.00", "")} " +
            $"runnable={Num(state.RunnableTasks, "0", "")} " +
            $"freq={Num(state.CpuMhz, "0", "MHz")} gov={state.Governor} mem={Num(state.MemAvailableMiB, "0", "MiB")} " +
            $"psi={Num(state.MemoryPressurePct, "0.0", "%")}");
    }

    private static string Num(double? value, string format, string unit) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) + unit : MachineState.Unavailable;
}
