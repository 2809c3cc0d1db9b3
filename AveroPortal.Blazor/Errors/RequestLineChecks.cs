namespace AveroPortal.Blazor.Errors;

/// <summary>
/// Before routing: a request without a usable Host (HTTP/1.0 allows none) would make every page throw while
/// building its base address, the error page included; it gets a stand-in host so the Dutch 400 page can render,
/// and is refused by <see cref="BadRequests.UseBadRequestPages"/>. HEAD is answered as GET (Kestrel still sends no body),
/// because the pages are only mapped for GET and POST.
/// </summary>
internal sealed class RequestLineChecks : IStartupFilter
{
    // The error page of a request without a usable Host still needs an address to render against; it only writes
    // relative links, so this name never reaches the visitor.
    private const string StandInHost = "localhost";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var request = context.Request;
            if (!Uri.TryCreate($"{request.Scheme}://{request.Host.Value}/", UriKind.Absolute, out _) || !request.Host.HasValue)
            {
                context.Features.Set(new Refusal(StatusCodes.Status400BadRequest, "verzoek zonder (geldige) Host-header"));
                request.Host = new HostString(StandInHost);
            }

            // The method as it came in, also for the log's "Request finished" line: HEAD is served as GET here,
            // and a refused method's error page is fetched with GET later on.
            var method = request.Method;
            if (HttpMethods.IsHead(method))
            {
                request.Method = HttpMethods.Get;
            }

            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                request.Method = method;
            }
        });
        next(app);
    };
}
