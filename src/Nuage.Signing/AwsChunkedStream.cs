using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Nuage.Signing;

/// <summary>
/// Decodes an aws-chunked body while it streams ("Transferring Payload in Multiple Chunks (Chunked Upload)" and
/// "Signature calculations for trailing headers"):
/// <code>
/// signed:   hex-size;chunk-signature=sig CRLF data CRLF ... 0;chunk-signature=sig CRLF [trailers] CRLF
/// unsigned: hex-size CRLF data CRLF ... 0 CRLF [trailers] CRLF
/// trailers: name:value CRLF ... [x-amz-trailer-signature:sig CRLF]
/// </code>
/// Only the data is returned. Each chunk's signature is checked when its last byte arrives, before that byte is
/// handed out, and the final (empty) chunk and the trailer are checked before the end of stream is reported, so a
/// reader that stops at the first exception never commits a forged or truncated body. Framing is parsed from one
/// pooled buffer (headers may arrive split across reads); large chunk data is read straight into the caller's
/// buffer. Per chunk this costs one incremental hash and one HMAC, and no allocation.
/// </summary>
internal sealed class AwsChunkedStream : ForwardReadStream
{
    private const int BufferSize = 16 * 1024;
    private const int MaxLineLength = 4 * 1024;
    private const int MaxHexDigits = 16;

    private readonly Stream _inner;
    private readonly ChunkSignatureChain? _chain;
    private readonly IncrementalHash? _chunkHash;
    private readonly bool _hasTrailer;
    private readonly long? _decodedLength;
    private readonly AwsChunkedTrailers _trailers;
    private readonly byte[] _providedSignature = new byte[32];

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private State _state;
    private long _chunkRemaining;
    private long _decoded;
    private bool _blankLineBeforeTrailers;
    private Exception? _fault;

    /// <param name="chain">The signature chain for STREAMING-AWS4-HMAC-SHA256-*; null for STREAMING-UNSIGNED-PAYLOAD-TRAILER.</param>
    /// <param name="declaredTrailers">Names from x-amz-trailer; when non-empty, exactly these trailers must arrive.</param>
    public AwsChunkedStream(Stream inner, ChunkSignatureChain? chain, bool hasTrailer, long? decodedLength, string[] declaredTrailers)
    {
        _inner = inner;
        _chain = chain;
        _chunkHash = chain is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _hasTrailer = hasTrailer;
        _decodedLength = decodedLength;
        _trailers = new AwsChunkedTrailers(chain, declaredTrailers);
    }

    private enum State
    {
        ChunkHeader,
        ChunkData,
        ChunkDataEnd,
        FinalLine,
        Trailers,
        Finish,
        Done,
    }

    /// <summary>A trailing header's value; null until the body has been read to its end, or when it was not sent.</summary>
    public string? GetTrailer(string name)
    {
        return _state == State.Done ? _trailers.Get(name) : null;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);

        // With isAsync false every await below completes synchronously, so this does not block on a task.
        return ReadCoreAsync(buffer.AsMemory(offset, count), isAsync: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadCoreAsync(buffer.AsMemory(offset, count), isAsync: true, cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(buffer, isAsync: true, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseBuffer();
            _chunkHash?.Dispose();
            _trailers.Dispose();
        }

        base.Dispose(disposing);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadCoreAsync(Memory<byte> destination, bool isAsync, CancellationToken cancellationToken)
    {
        if (_fault is not null)
        {
            // Once broken, stay broken: a retrying reader must not see the rest of a rejected body.
            throw _fault;
        }

        if (destination.IsEmpty && _state != State.Done)
        {
            return 0;
        }

        try
        {
            while (true)
            {
                switch (_state)
                {
                    case State.ChunkHeader:
                        if (!TryTakeLine(out var headerStart, out var headerLength))
                        {
                            if (!await FillAsync(isAsync, cancellationToken).ConfigureAwait(false))
                            {
                                throw SignatureErrors.IncompleteBody("The body ended inside a chunk header.");
                            }

                            continue;
                        }

                        StartChunk(_buffer.AsSpan(headerStart, headerLength));
                        break;

                    case State.ChunkData:
                        return await ReadChunkDataAsync(destination, isAsync, cancellationToken).ConfigureAwait(false);

                    case State.ChunkDataEnd:
                        if (_end - _start < 2)
                        {
                            if (!await FillAsync(isAsync, cancellationToken).ConfigureAwait(false))
                            {
                                throw SignatureErrors.IncompleteBody("The body ended after a chunk's data.");
                            }

                            continue;
                        }

                        if (_buffer![_start] != '\r' || _buffer[_start + 1] != '\n')
                        {
                            throw SignatureErrors.MalformedChunkedBody("chunk data is not followed by CRLF (chunk size wrong?).");
                        }

                        _start += 2;
                        _state = State.ChunkHeader;
                        break;

                    case State.FinalLine:
                        // After the final chunk of a body without trailers comes one empty line; a client that
                        // closes the body right after the final chunk header is tolerated.
                        if (!TryTakeLine(out _, out var finalLength))
                        {
                            if (!await FillAsync(isAsync, cancellationToken).ConfigureAwait(false))
                            {
                                if (_start == _end)
                                {
                                    _state = State.Finish;
                                    break;
                                }

                                throw SignatureErrors.IncompleteBody("The body ended inside its last line.");
                            }

                            continue;
                        }

                        if (finalLength != 0)
                        {
                            throw SignatureErrors.MalformedChunkedBody("unexpected data after the final chunk.");
                        }

                        _state = State.Finish;
                        break;

                    case State.Trailers:
                        if (!TryTakeLine(out var lineStart, out var lineLength))
                        {
                            if (!await FillAsync(isAsync, cancellationToken).ConfigureAwait(false))
                            {
                                if (_start == _end)
                                {
                                    _trailers.End();
                                    _state = State.Finish;
                                    break;
                                }

                                throw SignatureErrors.IncompleteBody("The body ended inside the trailing headers.");
                            }

                            continue;
                        }

                        if (lineLength == 0)
                        {
                            // Some encoders put an empty line between the final chunk and the trailers.
                            if (_trailers.IsEmpty && !_blankLineBeforeTrailers)
                            {
                                _blankLineBeforeTrailers = true;
                                break;
                            }

                            _trailers.End();
                            _state = State.Finish;
                            break;
                        }

                        _trailers.Add(_buffer.AsSpan(lineStart, lineLength));
                        break;

                    case State.Finish:
                        await FinishAsync(isAsync, cancellationToken).ConfigureAwait(false);
                        _state = State.Done;
                        ReleaseBuffer();
                        return 0;

                    default:
                        return 0;
                }
            }
        }
        catch (Exception e) when (e is SignatureException or IOException)
        {
            _fault = e;
            ReleaseBuffer();
            throw;
        }
    }

    private async ValueTask<int> ReadChunkDataAsync(Memory<byte> destination, bool isAsync, CancellationToken cancellationToken)
    {
        var max = (int)Math.Min(destination.Length, _chunkRemaining);
        var available = _end - _start;
        int n;
        if (available > 0)
        {
            n = Math.Min(available, max);
            _buffer.AsSpan(_start, n).CopyTo(destination.Span);
            _start += n;
        }
        else
        {
            // Nothing buffered: read the data straight into the caller's buffer, no copy.
            n = isAsync
                ? await _inner.ReadAsync(destination[..max], cancellationToken).ConfigureAwait(false)
                : _inner.Read(destination.Span[..max]);
            if (n == 0)
            {
                throw SignatureErrors.IncompleteBody("The body ended inside a chunk's data.");
            }
        }

        _chunkHash?.AppendData(destination.Span[..n]);
        _chunkRemaining -= n;
        _decoded += n;
        if (_chunkRemaining == 0)
        {
            VerifyChunk();
            _state = State.ChunkDataEnd;
        }

        return n;
    }

    private void StartChunk(ReadOnlySpan<byte> line)
    {
        long size = 0;
        var digits = 0;
        while (digits < line.Length && Hex.Value((char)line[digits]) >= 0)
        {
            if (digits == MaxHexDigits - 1)
            {
                throw SignatureErrors.MalformedChunkedBody("chunk size too large.");
            }

            size = (size << 4) | (long)Hex.Value((char)line[digits]);
            digits++;
        }

        if (digits == 0)
        {
            throw SignatureErrors.MalformedChunkedBody("invalid chunk size.");
        }

        var extension = line[digits..];
        if (_chain is not null)
        {
            if (!extension.StartsWith(";chunk-signature="u8)
                || !Hex.TryDecode(extension[";chunk-signature=".Length..], _providedSignature))
            {
                throw SignatureErrors.MalformedChunkedBody("each chunk needs ;chunk-signature= and 64 hex digits.");
            }
        }
        else if (!extension.IsEmpty && extension[0] != ';')
        {
            // Chunk extensions (RFC 9112 §7.1.1) carry nothing for unsigned bodies and are skipped.
            throw SignatureErrors.MalformedChunkedBody("invalid chunk size.");
        }

        if (_decodedLength is long declared && size > declared - _decoded)
        {
            throw SignatureErrors.IncompleteBody("The chunks carry more data than x-amz-decoded-content-length.");
        }

        _chunkRemaining = size;
        if (size > 0)
        {
            _state = State.ChunkData;
            return;
        }

        VerifyChunk();
        _state = _hasTrailer ? State.Trailers : State.FinalLine;
    }

    private void VerifyChunk()
    {
        if (_chain is null)
        {
            return;
        }

        Span<byte> hash = stackalloc byte[32];
        _chunkHash!.GetHashAndReset(hash);
        if (!_chain.VerifyChunk(hash, _providedSignature))
        {
            throw SignatureErrors.ChunkSignatureMismatch("chunk");
        }
    }

    private async ValueTask FinishAsync(bool isAsync, CancellationToken cancellationToken)
    {
        if (_decodedLength is long declared && _decoded != declared)
        {
            throw SignatureErrors.IncompleteBody("The chunks carry less data than x-amz-decoded-content-length.");
        }

        _trailers.CheckDeclaredArrived();

        // Bytes after the end of the encoding mean the client framed the body differently from what was checked.
        if (_start != _end || await FillAsync(isAsync, cancellationToken).ConfigureAwait(false))
        {
            throw SignatureErrors.MalformedChunkedBody("unexpected data after the end of the body.");
        }
    }

    /// <summary>Finds a CRLF-terminated line in the buffer and consumes it.</summary>
    private bool TryTakeLine(out int lineStart, out int lineLength)
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var lf = span.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (span.Length >= MaxLineLength)
            {
                throw SignatureErrors.MalformedChunkedBody("line too long.");
            }

            lineStart = lineLength = 0;
            return false;
        }

        if (lf == 0 || span[lf - 1] != '\r')
        {
            throw SignatureErrors.MalformedChunkedBody("lines must end with CRLF.");
        }

        lineStart = _start;
        lineLength = lf - 1;
        _start += lf + 1;
        return true;
    }

    /// <summary>Moves what is left of the buffer to its front and reads more after it; false at the end of the body.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(bool isAsync, CancellationToken cancellationToken)
    {
        var buffer = _buffer!;
        if (_start > 0)
        {
            buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
            _end -= _start;
            _start = 0;
        }

        var n = isAsync
            ? await _inner.ReadAsync(buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false)
            : _inner.Read(buffer, _end, buffer.Length - _end);
        _end += n;
        return n > 0;
    }

    private void ReleaseBuffer()
    {
        var buffer = _buffer;
        _buffer = null;
        _start = _end = 0;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
