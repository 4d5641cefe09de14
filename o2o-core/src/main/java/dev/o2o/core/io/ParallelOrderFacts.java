package dev.o2o.core.io;

import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.internal.Messages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Currency;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The {@link OrderFact facts} of a UTF-8 NDJSON orders file, parsed on several threads: the
 * file is cut into blocks at line ends as {@link ParallelNdjsonReader} cuts it; a worker reads a
 * block's bytes and each line in the plain form ({@link PlainOrderLine}) straight from them, and
 * any other line with the full reader ({@link NdjsonReader}, one line at a time, at its byte
 * offset, so that its errors are worded and placed as always). A block's facts are primitive
 * columns, not objects per order. On this (the caller's) thread, in file order: the lines, the
 * check that order ids are unique ({@link UniqueIds}) and the numbering of customers
 * ({@link ByteKeys}; keys hashed by the workers), the error policy and the counts. So the records, lines, errors and
 * report are those of {@link Ingest#orders(DataFormat, Path, IngestOptions)}
 * ({@code OrderFactsTest} compares them).
 *
 * <p>What it buys: {@code o2o rfm} over 10 million orders (benchmarks/RESULTS.md, section
 * "cli (rfm2)"). At most {@code threads + 1} blocks are read ahead. Not thread-safe (its workers
 * are its own); close it to stop them.
 */
final class ParallelOrderFacts extends AbstractRecordReader<OrderFact> implements OrderFactsReader {

    /** A block longer than this (a line of megabytes) is read as a stream, so memory stays bounded. */
    private static final int MAX_BLOCK_IN_MEMORY = 8 << 20;
    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private final FileChannel channel;
    private final long size;
    private final long blockBytes;
    private final IngestOptions options;
    private final ExecutorService workers;
    private final ThreadLocal<PlainOrderLine> plain;
    private final int ahead;
    private final ArrayDeque<Future<Block>> pending = new ArrayDeque<>();
    private final UniqueIds ids = new UniqueIds();
    private final ByteKeys customers = new ByteKeys();
    /** The customer of the last accepted order: orders of one customer often come together. */
    private int lastCustomer = -1;
    private long nextStart;
    private Block current;
    private int index;
    private long lineBase;

    ParallelOrderFacts(Path file, IngestOptions options, int threads, long blockBytes) {
        super(file.getFileName().toString(), options);
        this.workers = ParallelNdjsonReader.workers(threads, "o2o-order-facts");
        this.channel = ParallelNdjsonReader.open(file);
        this.size = ParallelNdjsonReader.size(channel, file);
        this.options = options;
        this.blockBytes = blockBytes;
        this.plain = ThreadLocal.withInitial(() -> new PlainOrderLine(options));
        this.ahead = threads + 1;
        submit();
    }

    @Override
    public int customers() {
        return customers.size();
    }

    @Override
    public String customerKey(int number) {
        return customers.key(number);
    }

    private void submit() {
        while (pending.size() < ahead && nextStart < size) {
            long start = nextStart;
            long end = ParallelNdjsonReader.lineStartAtOrAfter(channel, size, Math.min(size, start + blockBytes));
            nextStart = end;
            pending.add(workers.submit(() -> read(start, end)));
        }
    }

    @Override
    Read<OrderFact> readRecord() {
        while (true) {
            if (current != null && index < current.count) {
                int i = index++;
                long line = lineBase + current.line[i];
                switch (current.kind[i]) {
                    case Block.FAILED -> {
                        Throwable failure = current.failures.poll();
                        if (failure instanceof RuntimeException e) {
                            throw e;
                        }
                        throw (Error) failure;
                    }
                    case Block.BAD -> {
                        return new Read<>(line, null, current.errors.poll());
                    }
                    default -> {
                        return accepted(current, i, line);
                    }
                }
            }
            if (current != null) {
                if (current.ioError != null) {
                    throw current.ioError;
                }
                lineBase += current.lines;
                current = null;
            }
            Future<Block> next = pending.poll();
            if (next == null) {
                return null;
            }
            current = ParallelNdjsonReader.await(next);
            index = 0;
            submit();
        }
    }

    /** A record the worker accepted, unless its id was read before. */
    private Read<OrderFact> accepted(Block b, int i, long line) {
        long first = ids.putIfAbsent(b.keys, b.idFrom[i], b.idLength[i], b.idHash[i], line);
        if (first >= 0) {
            String id = new String(b.keys, b.idFrom[i], b.idLength[i], StandardCharsets.UTF_8);
            return new Read<>(line, null, new BadRecord("id", Messages.quote(id) + " was already read at line "
                    + first));
        }
        if (lastCustomer < 0 || !customers.matches(lastCustomer, b.keys, b.customerFrom[i], b.customerLength[i])) {
            int c = customers.add(b.keys, b.customerFrom[i], b.customerLength[i], b.customerHash[i], 0);
            lastCustomer = c < 0 ? -(c + 1) : c;
        }
        Instant instant = Instant.ofEpochSecond(b.epochSecond[i], b.nano[i]);
        return new Read<>(line, new OrderFact(lastCustomer, instant, STATUSES[b.status[i]], b.net[i], b.currency[i]),
                null);
    }

    /** Runs on a worker: the records of the bytes {@code [start, end)}, lines counted from the block's first. */
    private Block read(long start, long end) {
        Block block = new Block(end - start);
        if (end - start > MAX_BLOCK_IN_MEMORY) {
            return streamed(block, start, end);
        }
        byte[] bytes = new byte[(int) (end - start)];
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                if (channel.read(buf, start + buf.position()) < 0) {
                    throw new IOException("the file ended at byte " + (start + buf.position())
                            + ", before its size when the read began");
                }
            }
        } catch (IOException e) {
            block.ioError = new UncheckedIOException(e);
            return block;
        }
        PlainOrderLine parser = plain.get();
        int n = bytes.length;
        int line = 0;
        for (int p = 0; p < n; ) {
            int e = p;
            while (e < n && bytes[e] != '\n' && bytes[e] != '\r') {
                e++;
            }
            // a line ends at LF, CR or CR LF, as NdjsonReader reads it
            int next = e == n ? n : bytes[e] == '\r' && e + 1 < n && bytes[e + 1] == '\n' ? e + 2 : e + 1;
            line++;
            if (e > p) {
                if (parser.read(bytes, p, e)) {
                    block.addPlain(line, bytes, parser, ids, customers);
                } else if (!readFully(block, line, bytes, p, next, start)) {
                    break;
                }
            }
            p = next;
        }
        block.lines = line;
        return block;
    }

    /** One line that is not plain, read by the full reader; false if reading must stop. */
    private boolean readFully(Block block, int line, byte[] bytes, int from, int to, long blockStart) {
        NdjsonReader<Order> reader = NdjsonReader.orderLines(new DecodingReader(
                new ByteArrayInputStream(bytes, from, to - from), StandardCharsets.UTF_8, blockStart + from),
                source(), options);
        if (blockStart + from > 0) {
            reader.startsMidFile();
        }
        try {
            Read<Order> r = reader.readRecord();
            if (r != null) {
                block.add(line, r, ids, customers);
            }
            return true;
        } catch (UncheckedIOException e) {
            block.ioError = e;
            return false;
        } catch (RuntimeException | OutOfMemoryError e) {
            block.addFailure(line, e);
            return true;
        }
    }

    /** A block too long to hold, read by the full reader as a stream. */
    private Block streamed(Block block, long start, long end) {
        NdjsonReader<Order> reader = NdjsonReader.orderLines(new DecodingReader(
                new ParallelNdjsonReader.RangeInput(channel, start, end), StandardCharsets.UTF_8, start),
                source(), options);
        if (start > 0) {
            reader.startsMidFile();
        }
        while (true) {
            Read<Order> r;
            try {
                r = reader.readRecord();
            } catch (UncheckedIOException e) {
                block.ioError = e;
                break;
            } catch (RuntimeException | OutOfMemoryError e) {
                block.addFailure(reader.lines(), e);
                continue;
            }
            if (r == null) {
                break;
            }
            block.add(r.line, r, ids, customers);
        }
        block.lines = reader.lines();
        return block;
    }

    @Override
    public void close() {
        ParallelNdjsonReader.close(pending, workers, channel);
    }

    /** What a worker read of one block, in columns: a record's kind, line, keys (as bytes and hashes) and facts. */
    private static final class Block {
        static final byte ACCEPTED = 0;
        static final byte BAD = 1;
        static final byte FAILED = 2;

        final long bytes;
        long lines;
        UncheckedIOException ioError;
        int count;
        byte[] kind = new byte[256];
        long[] line = new long[256];
        int[] idFrom = new int[256];
        int[] idLength = new int[256];
        int[] idHash = new int[256];
        int[] customerFrom = new int[256];
        int[] customerLength = new int[256];
        int[] customerHash = new int[256];
        long[] epochSecond = new long[256];
        int[] nano = new int[256];
        byte[] status = new byte[256];
        long[] net = new long[256];
        Currency[] currency = new Currency[256];
        /** The ids' and customers' bytes, one after the other. */
        byte[] keys = new byte[1 << 12];
        int keysUsed;
        final ArrayDeque<BadRecord> errors = new ArrayDeque<>();
        final ArrayDeque<Throwable> failures = new ArrayDeque<>();

        Block(long bytes) {
            this.bytes = bytes;
        }

        private int next(byte k, long at) {
            if (count == kind.length) {
                int c = count * 2;
                kind = Arrays.copyOf(kind, c);
                line = Arrays.copyOf(line, c);
                idFrom = Arrays.copyOf(idFrom, c);
                idLength = Arrays.copyOf(idLength, c);
                idHash = Arrays.copyOf(idHash, c);
                customerFrom = Arrays.copyOf(customerFrom, c);
                customerLength = Arrays.copyOf(customerLength, c);
                customerHash = Arrays.copyOf(customerHash, c);
                epochSecond = Arrays.copyOf(epochSecond, c);
                nano = Arrays.copyOf(nano, c);
                status = Arrays.copyOf(status, c);
                net = Arrays.copyOf(net, c);
                currency = Arrays.copyOf(currency, c);
            }
            kind[count] = k;
            line[count] = at;
            return count++;
        }

        /** Copies {@code n} bytes to {@link #keys}; returns where they start. */
        private int key(byte[] from, int at, int n) {
            if (keysUsed + n > keys.length) {
                keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysUsed + n));
            }
            System.arraycopy(from, at, keys, keysUsed, n);
            keysUsed += n;
            return keysUsed - n;
        }

        void addPlain(long at, byte[] bytes, PlainOrderLine o, UniqueIds ids, ByteKeys customers) {
            int i = next(ACCEPTED, at);
            idFrom[i] = key(bytes, o.idFrom, o.idLength);
            idLength[i] = o.idLength;
            idHash[i] = ids.hash(keys, idFrom[i], o.idLength);
            customerFrom[i] = key(bytes, o.customerFrom, o.customerLength);
            customerLength[i] = o.customerLength;
            customerHash[i] = customers.hash(keys, customerFrom[i], o.customerLength);
            epochSecond[i] = o.epochSecond;
            status[i] = (byte) o.status.ordinal();
            net[i] = o.netMinorUnits;
            currency[i] = o.currency;
        }

        /** A record the full reader read, at block line {@code at}. */
        void add(long at, Read<Order> r, UniqueIds ids, ByteKeys customers) {
            if (r.error != null) {
                next(BAD, at);
                errors.add(r.error);
                return;
            }
            Order o = r.value;
            int i = next(ACCEPTED, at);
            byte[] id = o.id().getBytes(StandardCharsets.UTF_8);
            byte[] customer = o.customer().value().getBytes(StandardCharsets.UTF_8);
            idFrom[i] = key(id, 0, id.length);
            idLength[i] = id.length;
            idHash[i] = ids.hash(keys, idFrom[i], id.length);
            customerFrom[i] = key(customer, 0, customer.length);
            customerLength[i] = customer.length;
            customerHash[i] = customers.hash(keys, customerFrom[i], customer.length);
            epochSecond[i] = o.instant().getEpochSecond();
            nano[i] = o.instant().getNano();
            status[i] = (byte) o.status().ordinal();
            // below 10^12 in absolute value at the currency's scale: a long
            net[i] = o.netTotal().amount().unscaledValue().longValueExact();
            currency[i] = o.currency();
        }

        void addFailure(long at, Throwable e) {
            next(FAILED, at);
            failures.add(e);
        }
    }
}
