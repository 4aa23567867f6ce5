using System.Collections;
using AiLab.Probe;

namespace MlnetTrain;

/// <summary>Wraps the training rows and marks <c>first_batch</c> when, once armed, a consumer first pulls a row.</summary>
/// <remarks>
/// ML.NET reads an enumerable data view many times: fitting the normalizer makes a full pass, and
/// schema inspection may open cursors too. Those reads are not training, so the mark only counts
/// reads after <see cref="Arm"/>, which the program calls right before the trainer's <c>Fit</c>.
/// </remarks>
internal sealed class FirstBatchMarker<T>(IReadOnlyList<T> rows) : IEnumerable<T>
{
    private int _armed;

    /// <summary>From now on, the first row handed out marks <c>first_batch</c> (once).</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>True once the mark has been made.</summary>
    public bool Marked => Volatile.Read(ref _armed) == 2;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        foreach (var row in rows)
        {
            // ML.NET may open several cursors on several threads; only one of them wins the mark.
            if (Volatile.Read(ref _armed) == 1 && Interlocked.CompareExchange(ref _armed, 2, 1) == 1)
            {
                AiLabProbe.Mark("first_batch");
            }

            yield return row;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
