namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>One data set of the leave-one-data-set-out evaluation.</summary>
/// <param name="Name">How the tables name it.</param>
/// <param name="Series">Its series, each with its labelled change points.</param>
internal sealed record CvFold(string Name, IReadOnlyList<TcpdSeries> Series);
