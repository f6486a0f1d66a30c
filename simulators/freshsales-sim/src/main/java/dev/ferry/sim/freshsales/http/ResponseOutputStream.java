package dev.ferry.sim.freshsales.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Chunked response body written from a worker thread, blocking while Vert.x's write queue is full, so a
 * multi-gigabyte state dump streams with constant memory.
 */
final class ResponseOutputStream extends OutputStream {

    private final HttpServerResponse response;
    private final byte[] buffer = new byte[64 * 1024];
    private int count;

    ResponseOutputStream(HttpServerResponse response) {
        this.response = response;
        response.setChunked(true);
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            flushBuffer();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.length - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    private void flushBuffer() throws IOException {
        if (count == 0) {
            return;
        }
        if (response.closed()) {
            throw new IOException("client went away");
        }
        response.write(Buffer.buffer().appendBytes(buffer, 0, count));
        count = 0;
        if (response.writeQueueFull()) {
            CountDownLatch drained = new CountDownLatch(1);
            response.drainHandler(v -> drained.countDown());
            try {
                while (response.writeQueueFull() && !response.closed()) {
                    if (drained.await(1, TimeUnit.SECONDS)) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while streaming");
            }
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
    }

    @Override
    public void close() throws IOException {
        flushBuffer();
        if (!response.ended()) {
            response.end();
        }
    }
}
