namespace AiLab.Stats.Paired;

/// <summary>DeLong's comparison of two correlated AUROCs.</summary>
/// <param name="BaselineAuc">The baseline's AUROC.</param>
/// <param name="CandidateAuc">The candidate's AUROC.</param>
/// <param name="Difference">Candidate − baseline.</param>
/// <param name="StandardError">Standard error of the difference.</param>
/// <param name="Z">Difference / standard error (0 when both are 0).</param>
/// <param name="PValue">Two-sided normal p-value.</param>
/// <param name="Low">Lower end of the interval of the difference.</param>
/// <param name="High">Upper end of the interval of the difference.</param>
public sealed record DeLongResult(
    double BaselineAuc, double CandidateAuc, double Difference, double StandardError, double Z, double PValue, double Low, double High);
