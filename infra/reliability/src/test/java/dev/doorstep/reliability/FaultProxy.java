package dev.doorstep.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault-injecting TCP proxy on loopback (our own toxiproxy): clients connect to {@link #uri()}, and
 * bytes go to and from the real endpoint unless a fault is switched on. Faults act at the TCP level,
 * so the SDK and HTTP clients see exactly what a real outage looks like to them.
 */
final class FaultProxy implements AutoCloseable {

    enum Fault {
        /** Pass everything through. */
        NONE,
        /** The service is down: every connection is reset as soon as it opens (and open ones are cut). */
        DOWN,
        /** Connections are accepted, and nothing ever comes back (a hung service: the caller times out). */
        BLACKHOLE,
        /** The request reaches the service, but its answer is cut off with a reset (the write happened!). */
        RESET_RESPONSES,
        /** Every chunk of the answer is delayed by {@link #latency}. */
        SLOW
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private volatile Fault fault = Fault.NONE;
    private volatile Duration latency = Duration.ZERO;

    private FaultProxy(URI target) throws IOException {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** A proxy in front of {@code target} (an http://host:port URI). */
    static FaultProxy to(URI target) {
        try {
            return new FaultProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy", e);
        }
    }

    /** Where clients should connect instead of the target (same scheme and path). */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    void set(Fault fault) {
        this.fault = fault;
        if (fault == Fault.DOWN) {
            open.forEach(FaultProxy::reset);
        }
    }

    void slow(Duration latency) {
        this.latency = latency;
        set(Fault.SLOW);
    }

    void heal() {
        set(Fault.NONE);
    }

    long connections() {
        return connections.get();
    }

    /** How many connections a fault has hit so far. */
    long faulted() {
        return faulted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Fault now = fault;
        open.add(client);
        if (now == Fault.DOWN) {
            faulted.incrementAndGet();
            reset(client);
            return;
        }
        if (now == Fault.BLACKHOLE) {
            faulted.incrementAndGet();
            return; // left open; closed when the proxy closes or the client gives up
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 2_000);
        } catch (IOException e) {
            reset(client);
            return;
        }
        open.add(upstream);
        threads.submit(() -> pump(client, upstream, false));
        threads.submit(() -> pump(upstream, client, true));
    }

    private void pump(Socket from, Socket to, boolean answer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                Fault now = fault;
                if (answer && now == Fault.RESET_RESPONSES) {
                    faulted.incrementAndGet();
                    reset(to);
                    close(from);
                    return;
                }
                if (answer && now == Fault.SLOW) {
                    Thread.sleep(latency);
                }
                if (now == Fault.DOWN) {
                    reset(to);
                    close(from);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            close(from);
            close(to);
        }
    }

    /** Closes with SO_LINGER 0: the peer sees a TCP reset, not a clean end of stream. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        close(socket);
    }

    private static void close(java.io.Closeable socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        close((java.io.Closeable) server);
        open.forEach(FaultProxy::close);
        threads.shutdownNow();
    }
}
