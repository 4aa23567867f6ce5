using AiLab.Server.Data;
using Microsoft.AspNetCore.Http;

namespace AiLab.Server.Access;

/// <summary>Runs before every write endpoint: a request without a valid token is refused before the handler, so
/// nothing is written.</summary>
internal sealed class WriteAccessFilter(LabData data) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return await TokenCheck.RefusalAsync(context.HttpContext, data, allowCookie: false).ConfigureAwait(false) ?? await next(context).ConfigureAwait(false);
    }
}
