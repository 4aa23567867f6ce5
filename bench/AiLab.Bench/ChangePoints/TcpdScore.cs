namespace AiLab.Bench.ChangePoints;

/// <summary>One method's result on one series.</summary>
internal sealed record TcpdScore(double F1, double Covering, int Found);
