package dev.o2o.core.io;

import dev.o2o.core.Order;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a UTF-8 NDJSON file on several threads: the file is cut into blocks of about
 * {@link #BLOCK_BYTES} at line ends, each block is decoded and parsed by a
 * {@link NdjsonReader} on a worker thread, and the records come out of this reader in file
 * order, one block after the other, with their lines in the file. Everything that depends on
 * what came before — the lines, the check that keys are unique, the error policy, the counts
 * and kept errors — is done here, on the caller's thread, in file order; so the records,
 * lines, errors and messages are exactly those of one {@link NdjsonReader} over the whole file
 * ({@code ParallelNdjsonReaderTest} compares them).
 *
 * <p>What it buys: parsing is most of {@code o2o rfm}'s time on 10 million orders, and here it
 * runs on every core (benchmarks/RESULTS.md, section "cli: rfm (clispeed)"). At most
 * {@code threads + 1} blocks are read ahead, so memory stays bounded whatever the file's size.
 * The reader is not thread-safe (its workers are its own); close it to stop them.
 */
final class ParallelNdjsonReader<T> extends AbstractRecordReader<T> {

    /**
     * The size a block is cut at (the next line end after it): big enough that a block's set-up is
     * noise, small enough that the blocks read ahead (whose records survive young collections and
     * are copied by each) stay a few megabytes: with 8 MiB blocks each collection copied about
     * 80 MB of them, 6 s of pauses in a 25 s run of 10 million orders.
     */
    static final int BLOCK_BYTES = 1 << 20;

    /** What a worker read of one block: records in order, a null entry where {@link #failures} has the next. */
    private record Block<T>(List<Read<T>> reads, ArrayDeque<Throwable> failures, long lines, long bytes,
                            UncheckedIOException ioError) {
    }

    private final FileChannel channel;
    private final long size;
    private final long blockBytes;
    private final Function<InputStreamAt, NdjsonReader<T>> blockReader;
    private final ExecutorService workers;
    private final int ahead;
    private final ArrayDeque<Future<Block<T>>> pending = new ArrayDeque<>();
    private long nextStart;
    private Block<T> current;
    private int index;
    private long lineBase;
    private boolean sized;

    /** The bytes of a block and where they start in the file. */
    record InputStreamAt(InputStream in, long offset) {
    }

    ParallelNdjsonReader(Path file, IngestOptions options, int threads, long blockBytes,
                         Function<InputStreamAt, NdjsonReader<T>> blockReader) {
        super(file.getFileName().toString(), options);
        this.workers = workers(threads, "o2o-ndjson-reader");
        this.channel = open(file);
        this.size = size(channel, file);
        this.blockBytes = blockBytes;
        this.blockReader = blockReader;
        this.ahead = threads + 1;
        submit();
    }

    /** Daemon threads (a reader left open must not keep the JVM alive) that parse blocks. */
    static ExecutorService workers(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    static long size(FileChannel channel, Path file) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Stops the workers and closes the file. */
    static void close(ArrayDeque<? extends Future<?>> pending, ExecutorService workers, FileChannel channel) {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        workers.shutdownNow();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Orders of a UTF-8 NDJSON file, ids unique over the whole file. */
    static ParallelNdjsonReader<Order> orders(Path file, IngestOptions options, int threads) {
        return orders(file, options, threads, BLOCK_BYTES);
    }

    /** As {@link #orders(Path, IngestOptions, int)}, cut into blocks of {@code blockBytes} (tests cut small). */
    static ParallelNdjsonReader<Order> orders(Path file, IngestOptions options, int threads, long blockBytes) {
        String source = file.getFileName().toString();
        ParallelNdjsonReader<Order> reader = new ParallelNdjsonReader<>(file, options, threads,
                blockBytes, in -> NdjsonReader.orderLines(
                        new DecodingReader(in.in(), StandardCharsets.UTF_8, in.offset()), source, options));
        reader.requireUnique("id", Order::id);
        return reader;
    }

    /** Keeps {@link #ahead} blocks submitted while the file has more. */
    private void submit() {
        while (pending.size() < ahead && nextStart < size) {
            long start = nextStart;
            long end = lineStartAtOrAfter(channel, size, Math.min(size, start + blockBytes));
            nextStart = end;
            pending.add(workers.submit(() -> read(start, end)));
        }
    }

    /** The first position at or after {@code at} that starts a line (follows a LF), or the file's size. */
    static long lineStartAtOrAfter(FileChannel channel, long size, long at) {
        if (at >= size) {
            return size;
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 14);
        long pos = at - 1;
        while (pos < size) {
            buf.clear();
            int n = readAt(channel, buf, pos);
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return size;
    }

    private static int readAt(FileChannel channel, ByteBuffer buf, long pos) {
        try {
            int n = channel.read(buf, pos);
            return Math.max(n, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs on a worker: every record of the bytes {@code [start, end)}, lines counted from the block's first. */
    private Block<T> read(long start, long end) {
        NdjsonReader<T> reader = blockReader.apply(new InputStreamAt(new RangeInput(channel, start, end), start));
        if (start > 0) {
            reader.startsMidFile();
        }
        List<Read<T>> reads = new ArrayList<>();
        ArrayDeque<Throwable> failures = new ArrayDeque<>();
        UncheckedIOException ioError = null;
        while (true) {
            Read<T> r;
            try {
                r = reader.readRecord();
            } catch (UncheckedIOException e) {
                ioError = e;
                break;
            } catch (RuntimeException | OutOfMemoryError e) {
                // the single reader throws these to its caller and goes on with the next line if asked
                reads.add(null);
                failures.add(e);
                continue;
            }
            if (r == null) {
                break;
            }
            reads.add(r);
        }
        return new Block<>(reads, failures, reader.lines(), end - start, ioError);
    }

    @Override
    Read<T> readRecord() {
        while (true) {
            if (current != null && index < current.reads().size()) {
                Read<T> r = current.reads().set(index++, null); // let the collector have it once passed on
                if (r == null) {
                    Throwable failure = current.failures().poll();
                    if (failure instanceof RuntimeException e) {
                        throw e;
                    }
                    throw (Error) failure;
                }
                return lineBase == 0 ? r : new Read<>(lineBase + r.line, r.value, r.error);
            }
            if (current != null) {
                if (current.ioError() != null) {
                    throw current.ioError();
                }
                lineBase += current.lines();
                current = null;
            }
            Future<Block<T>> next = pending.poll();
            if (next == null) {
                return null;
            }
            current = await(next);
            index = 0;
            if (!sized && current.bytes() > 0 && current.bytes() < size) {
                // the file's records at the first block's density: the id table is sized once, not doubled 10 times
                expectRecords((long) (current.reads().size() * ((double) size / current.bytes())));
            }
            sized = true;
            submit();
        }
    }

    static <B> B await(Future<B> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while reading"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        close(pending, workers, channel);
    }

    /** The bytes {@code [from, to)} of the file, read with positional reads (workers share the channel). */
    static final class RangeInput extends InputStream {
        private final FileChannel channel;
        private long pos;
        private final long end;

        RangeInput(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.pos = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n < 0) {
                throw new IOException("the file ended at byte " + pos + ", before its size when the read began");
            }
            pos += n;
            return n;
        }
    }
}
