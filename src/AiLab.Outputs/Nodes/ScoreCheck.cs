namespace AiLab.Outputs.Nodes;

/// <summary>The check every node's scores pass: a NaN or infinite score is the node's failure, named with its example.</summary>
internal static class ScoreCheck
{
    public static void Finite(string node, string[] ids, double[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i])) throw new NodeFailedException(node, ids[i], $"score is {scores[i]}; a model must give a finite score.");
        }
    }
}
