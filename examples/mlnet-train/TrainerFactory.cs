using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace MlnetTrain;

/// <summary>Builds the configured binary classifier over the <c>Features</c> column.</summary>
internal static class TrainerFactory
{
    /// <summary>The estimator for <see cref="TrainingConfig.Trainer"/>; both choices are calibrated, so AUC and log-loss apply.</summary>
    public static IEstimator<ITransformer> Create(MLContext mlContext, TrainingConfig config) => config.Trainer switch
    {
        "sdca" => mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(TabularRow.Label),
            FeatureColumnName = "Features",
            MaximumNumberOfIterations = config.MaxIterations,
            L2Regularization = config.L2Regularization,
            // One thread keeps the run reproducible and its timing comparable across trials.
            NumberOfThreads = 1,
        }),
        "lbfgs" => mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(TabularRow.Label),
            FeatureColumnName = "Features",
            MaximumNumberOfIterations = config.MaxIterations,
            L2Regularization = config.L2Regularization,
            NumberOfThreads = 1,
        }),
        _ => throw new ArgumentException($"unknown trainer '{config.Trainer}' passed validation", nameof(config)),
    };
}
