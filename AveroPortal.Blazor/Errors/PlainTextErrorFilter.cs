namespace AveroPortal.Blazor.Errors;

/// <summary>
/// Blazor answers a post for a form name no form on the page has with a plain-text 400 (in Development with an
/// English sentence that repeats the submitted name); SignalR answers an unknown connection id with "No Connection
/// with that ID". This stream lets every other answer through untouched (pages, negotiation, long polling) and
/// holds back plain-text errors, so the Dutch page takes their place.
/// </summary>
internal sealed class PlainTextErrorFilter : Stream
{
    private readonly HttpResponse _response;
    private readonly Stream _inner;
    private bool? _holdBack;

    public PlainTextErrorFilter(HttpResponse response)
    {
        _response = response;
        _inner = response.Body;
        response.Body = this;
    }

    public bool HeldBack => _holdBack == true;

    // Restores the original body (and with it the original response body feature).
    public void Detach() => _response.Body = _inner;

    private bool HoldBack => _holdBack ??= _response.StatusCode >= 400
        && _response.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
        if (!HoldBack)
        {
            _inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => HoldBack ? Task.CompletedTask : _inner.FlushAsync(cancellationToken);

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!HoldBack)
        {
            _inner.Write(buffer, offset, count);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        HoldBack ? Task.CompletedTask : _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        HoldBack ? ValueTask.CompletedTask : _inner.WriteAsync(buffer, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
