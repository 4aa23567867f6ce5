using AiLab.Server.Data;
using AiLab.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace AiLab.Server.Access;

/// <summary>Runs before every read endpoint and page: lets everything through when reads are public, and asks for a
/// valid token (header or the dashboard's cookie) when they are private.</summary>
internal sealed class ReadAccessFilter(LabData data, ServerOptions options) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (options.PrivateReads && await TokenCheck.RefusalAsync(context.HttpContext, data, allowCookie: true).ConfigureAwait(false) is { } refusal)
            return refusal;
        return await next(context).ConfigureAwait(false);
    }
}
