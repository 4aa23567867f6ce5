using AiLab.Lab.History;

namespace AiLab.EndToEnd.Tests.Contract;

/// <summary>A history of five commits with fixed medians: one failed commit and one change point.</summary>
internal static class HistorySamples
{
    public static HistoryResult WithChange() => new(
        [
            new HistoryPoint("1111111111111111111111111111111111111111", 1290.125, 6, "run-20261123-101500-0001", null),
            new HistoryPoint("2222222222222222222222222222222222222222", 1301.5, 6, "run-20261123-101600-0002", null),
            new HistoryPoint("3333333333333333333333333333333333333333", double.NaN, 0, "run-20261123-101700-0003",
                "the build failed: exit code 2"),
            new HistoryPoint("4444444444444444444444444444444444444444", 1412.0625, 6, "run-20261123-101800-0004",
                null),
            new HistoryPoint("5555555555555555555555555555555555555555", 1408.75, 6, "run-20261123-101900-0005", null),
        ],
        [
            new SuspiciousRange("4444444444444444444444444444444444444444", "2222222222222222222222222222222222222222",
                "4444444444444444444444444444444444444444", 1295.8125, 1410.40625, 0.00012345),
        ],
        Interrupted: false);

    public static HistoryResult OneLevel() => new(
        [
            new HistoryPoint("1111111111111111111111111111111111111111", 1290.125, 6, "run-20261123-101500-0001", null),
            new HistoryPoint("2222222222222222222222222222222222222222", 1291.5, 6, "run-20261123-101600-0002", null),
        ],
        [],
        Interrupted: false);
}
