using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AiLab.Notifications.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 (HttpListener) that records every request and answers through a handler.</summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly Func<ReceivedRequest, CannedResponse> _handler;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private HttpListener? _listener;
    private Task? _loop;

    public LoopbackHttpServer(Func<ReceivedRequest, CannedResponse> handler, int? port = null)
    {
        _handler = handler;
        Port = port ?? FreePort.Next();
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Starts listening (a server may be created first and started later, to play a sink that is down).</summary>
    public LoopbackHttpServer Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        var listener = _listener;
        _loop = Task.Run(() => ServeAsync(listener));
        return this;
    }

    public void Stop()
    {
        _listener?.Close();
        _listener = null;
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener being closed under it.
        }
    }

    public void Dispose() => Stop();

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body);
            _requests.Enqueue(request);
            CannedResponse response;
            try
            {
                response = _handler(request);
            }
            catch (Exception e)
            {
                response = new CannedResponse(500, $"test handler failed: {e.Message}", "text/plain");
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
