using System.Text;

namespace AiLab.Server.Dashboard;

/// <summary>The frame of every page: head with the embedded assets, navigation, the token field for triage.</summary>
internal static class Layout
{
    /// <summary>A full page around <paramref name="body"/>.</summary>
    public static string Page(string title, string active, string body)
    {
        var html = new StringBuilder(body.Length + 2048);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · AiLab</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/uplot/uPlot.min.css\">")
            .Append("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">")
            .Append("<script src=\"/assets/uplot/uPlot.iife.min.js\" defer></script>")
            .Append("<script src=\"/assets/dashboard.js\" defer></script>")
            .Append("</head><body><header><a class=\"brand\" href=\"/\">AiLab</a><nav>");
        (string Href, string Name)[] links =
        [
            ("/", "Home"), ("/incidents", "Incidents"), ("/bisections", "Bisections"),
            ("/calibrations", "Calibrations"), ("/capacity", "Capacity"), ("/outputs", "Outputs"),
        ];
        foreach (var (href, name) in links)
        {
            var current = name == active ? " aria-current=\"page\"" : "";
            html.Append("<a href=\"").Append(href).Append('"').Append(current).Append('>').Append(name).Append("</a>");
        }

        html.Append("</nav><details class=\"token\"><summary>API token</summary>")
            .Append("<label>Token for triage (kept in this browser) ")
            .Append("<input id=\"api-token\" type=\"password\" autocomplete=\"off\"></label>")
            .Append("<button type=\"button\" id=\"save-token\">Save</button></details></header><main>")
            .Append("<h1>").Append(Html.E(title)).Append("</h1>")
            .Append(body)
            .Append("</main><footer>AiLab dashboard · <a href=\"/api/v1/openapi.json\">API (OpenAPI)</a> · ")
            .Append("charts by uPlot 1.6.32 (MIT)</footer></body></html>");
        return html.ToString();
    }
}
