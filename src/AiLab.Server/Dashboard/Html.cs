using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace AiLab.Server.Dashboard;

/// <summary>Small helpers for server-rendered HTML: every text goes through <see cref="E"/>.</summary>
internal static class Html
{
    /// <summary>HTML-encodes text (null reads as empty).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number for display, invariant culture; "–" when not finite.</summary>
    public static string N(double value, string format = "0.0") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>A signed percentage, e.g. <c>+8.1%</c>.</summary>
    public static string Pct(double value) =>
        double.IsFinite(value) ? (value >= 0 ? "+" : "") + N(value) + "%" : "–";

    /// <summary>An interval, e.g. <c>[+6.0%, +10.2%]</c>.</summary>
    public static string Interval(double[]? bounds) =>
        bounds is { Length: 2 } ? $"[{Pct(bounds[0])}, {Pct(bounds[1])}]" : "–";

    /// <summary>A p-value: three significant digits, or <c>&lt; 0.0001</c>.</summary>
    public static string P(double p) =>
        !double.IsFinite(p) ? "–" : p < 0.0001 ? "&lt; 0.0001" : p.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A time as UTC, minute precision.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The first 12 characters of a sha.</summary>
    public static string Short(string? sha) => sha is null ? "?" : sha.Length > 12 ? sha[..12] : sha;

    /// <summary>A verdict badge: the word itself plus a symbol, so it reads without colour.</summary>
    public static string Verdict(string? verdict) => verdict switch
    {
        "regression" => "<span class=\"badge regression\">▲ regression</span>",
        "improvement" => "<span class=\"badge improvement\">▼ improvement</span>",
        "no_change" => "<span class=\"badge no-change\">= no change</span>",
        null => "<span class=\"badge\">—</span>",
        _ => $"<span class=\"badge inconclusive\">? {E(verdict)}</span>",
    };

    /// <summary>A chart container: the data as JSON for dashboard.js, and how many points it must draw.</summary>
    public static void Chart(StringBuilder html, string id, string title, object spec, int expectedPoints)
    {
        ArgumentNullException.ThrowIfNull(html);
        var json = JsonSerializer.Serialize(spec, ChartJson).Replace("</", "<\\/", StringComparison.Ordinal);
        html.Append(CultureInfo.InvariantCulture,
            $"<figure class=\"chart\" id=\"{E(id)}\" data-chart data-expected-points=\"{expectedPoints}\">")
            .Append(CultureInfo.InvariantCulture, $"<figcaption>{E(title)}</figcaption><div class=\"plot\"></div>")
            .Append("<script type=\"application/json\">").Append(json).Append("</script></figure>");
    }

    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };
}
