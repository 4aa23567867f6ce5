using System.Text.Json;
using System.Text.Json.Nodes;
using AiLab.Lab.Profiling.Diff;

namespace AiLab.Lab.Profiling.Rendering;

/// <summary>A self-contained differential flame graph (icicle: the TTFB root on top, callees below): one HTML file
/// with its data, CSS and script inline, no network. A frame's width is the larger of its two medians; its colour
/// is the change, red slower and blue faster, saturated when the change is above noise and pale when it is not.
/// Clicking a frame zooms to it; the findings are listed on top and highlight their frame.</summary>
public static class FlameGraphHtml
{
    /// <summary>Renders <paramref name="diff"/> titled <paramref name="title"/>.</summary>
    public static string Render(ProfileDiffResult diff, string title)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var data = new JsonObject
        {
            ["title"] = title,
            ["a"] = diff.BaselineLabel,
            ["b"] = diff.CandidateLabel,
            ["ttfb_a"] = diff.BaselineTtfbMs,
            ["ttfb_b"] = diff.CandidateTtfbMs,
            ["method"] = diff.Method,
            ["findings"] = new JsonArray(diff.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["summary"] = f.Summary,
                ["path"] = new JsonArray(f.Path.Reverse().Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            }).ToArray()),
            ["tree"] = Node(diff.Tree),
        };
        // The default encoder escapes <, > and &, so the data cannot close the script element.
        // One nesting level per frame: a .NET stack (ML.NET under reflection) runs past the writer's default 64.
        var json = data.ToJsonString(new JsonSerializerOptions { WriteIndented = false, MaxDepth = 4096 });
        return Template.Replace("/*DATA*/null", json, StringComparison.Ordinal)
            .Replace("<!--TITLE-->", System.Net.WebUtility.HtmlEncode(title), StringComparison.Ordinal);
    }

    private static JsonObject Node(FlameNode node) => new()
    {
        ["n"] = node.Name,
        ["a"] = Math.Round(node.BaselineMs, 3),
        ["b"] = Math.Round(node.CandidateMs, 3),
        ["s"] = node.Significant,
        ["c"] = new JsonArray(node.Children.Select(c => (JsonNode)Node(c)).ToArray()),
    };

    private const string Template = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title><!--TITLE--></title>
        <style>
        body{font:13px/1.35 system-ui,sans-serif;margin:16px;color:#222}
        h1{font-size:18px;margin:0 0 4px} .meta{color:#555;margin-bottom:8px}
        #findings{margin:8px 0 12px;padding-left:20px} #findings li{cursor:pointer;margin:2px 0}
        #findings li.none{cursor:default;color:#555}
        #graph{position:relative;width:100%;overflow:hidden;border-top:1px solid #ccc}
        .f{position:absolute;height:18px;box-sizing:border-box;border:1px solid #fff;overflow:hidden;white-space:nowrap;
           font-size:11px;line-height:16px;padding:0 3px;cursor:pointer}
        .f.hl{outline:3px solid #000;z-index:2}
        .legend span{display:inline-block;padding:0 6px;margin-right:6px}
        .legend .slower{background:#e0301e;color:#fff} .legend .faster{background:#1f5fd1;color:#fff}
        .legend .noise{background:#eee}
        </style></head><body>
        <h1><!--TITLE--></h1>
        <div class="meta" id="meta"></div>
        <div class="legend"><span class="slower">slower in B</span><span class="faster">faster in B</span><span
        class="noise">not above noise</span> width: max(A, B); click a frame to zoom, click the top frame to zoom out</div>
        <ol id="findings"></ol>
        <div id="graph"></div>
        <script>
        const data = /*DATA*/null;
        const H = 19;
        function fmt(x){return (x>=0?'+':'')+x.toFixed(1)}
        function color(n){
          const d=n.b-n.a, m=Math.max(n.a,n.b)||1, r=Math.min(1,Math.abs(d)/m*2);
          if(!n.s) return 'hsl(0,0%,'+(93-r*8)+'%)';
          return d>0 ? 'hsl(5,78%,'+(62-r*16)+'%)' : 'hsl(218,75%,'+(62-r*16)+'%)';
        }
        function draw(root, highlight){
          const g=document.getElementById('graph'); g.innerHTML='';
          const W=g.clientWidth||1000, total=Math.max(root.a,root.b)||1; let depth=0;
          function walk(n,x,d,path){
            const w=Math.max(n.a,n.b)/total*W; if(w<0.5) return;
            depth=Math.max(depth,d);
            const e=document.createElement('div'); e.className='f'; e.style.left=x+'px'; e.style.top=(d*H)+'px';
            e.style.width=w+'px'; e.style.background=color(n); if(n.s) e.style.color='#fff';
            e.textContent=n.n+' '+fmt(n.b-n.a)+' ms'; e.dataset.path=path;
            e.title=n.n+'\nA '+n.a.toFixed(1)+' ms, B '+n.b.toFixed(1)+' ms, change '+fmt(n.b-n.a)+' ms'+(n.s?' (above noise)':'');
            if(highlight && path===highlight) e.classList.add('hl');
            e.onclick=()=>draw(n===root&&current!==data.tree?data.tree:n, null);
            g.appendChild(e); let cx=x;
            for(const c of n.c){ walk(c,cx,d+1,path+'\u001f'+c.n); cx+=Math.max(c.a,c.b)/total*W; }
          }
          current=root; walk(root,0,0,root.n); g.style.height=((depth+1)*H+4)+'px';
        }
        let current=null;
        document.getElementById('meta').textContent='A = '+data.a+' (median TTFB '+data.ttfb_a.toFixed(1)+' ms), B = '+data.b+
          ' (median TTFB '+data.ttfb_b.toFixed(1)+' ms). '+data.method+'.';
        const list=document.getElementById('findings');
        if(data.findings.length===0){const li=document.createElement('li');li.className='none';li.textContent='No change above noise.';list.appendChild(li);}
        for(const f of data.findings){
          const li=document.createElement('li'); li.textContent=f.summary;
          li.onclick=()=>draw(data.tree, ['(ttfb)'].concat(f.path).join('\u001f')); list.appendChild(li);
        }
        draw(data.tree, data.findings.length ? ['(ttfb)'].concat(data.findings[0].path).join('\u001f') : null);
        document.body.dataset.rendered='1';
        </script></body></html>
        """;
}
