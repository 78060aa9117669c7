package dev.rehearsal.internal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The fault point between the driver and the server: a TCP relay the harness owns, listening on loopback only, that
 * passes bytes both ways until told to fail — close the connections (FIN), reset them (RST), or freeze them (no byte
 * passes either way, the sockets stay open). A fault holds until the relay is closed: a connection opened after it is
 * closed, reset or left unanswered the same way. Every thread it starts ends when it is closed.
 */
public final class FaultRelay implements AutoCloseable {

    /** What the fault does to the connections. */
    public enum Mode { CLOSE, RESET, FREEZE }

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Mode fault;
    private volatile long faultNanos;

    private FaultRelay(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /**
     * Start a relay to a server.
     *
     * @param host the server's host
     * @param port the server's port
     * @return the relay, listening on a free port of 127.0.0.1
     */
    public static FaultRelay open(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultRelay relay = new FaultRelay(listener, new InetSocketAddress(host, port));
        relay.start("rehearsal-fault-relay-accept", relay::accept);
        return relay;
    }

    /** The loopback port the driver connects to instead of the server's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Fail every connection now, and every later one, the way the mode says. Only the first fault counts. */
    public synchronized void fault(Mode mode) {
        if (fault != null) {
            return;
        }
        faultNanos = System.nanoTime();
        fault = mode;
        if (mode != Mode.FREEZE) {
            sockets.forEach(socket -> end(socket, mode));
        }
    }

    /** When the fault was set ({@link System#nanoTime()}); 0 while none is. */
    public long faultNanos() {
        return faultNanos;
    }

    /** The fault set, if any. */
    public Mode fault() {
        return fault;
    }

    private void accept() {
        while (closed.getCount() > 0) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(client);
            Mode now = fault;
            if (now != null && now != Mode.FREEZE) {
                end(client, now);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(upstream, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                end(client, Mode.RESET);
                continue;
            }
            sockets.add(server);
            start("rehearsal-fault-relay-up", () -> pump(client, server));
            start("rehearsal-fault-relay-down", () -> pump(server, client));
        }
    }

    /** Copy bytes from one side to the other until either ends; a frozen relay holds what it reads. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                if (fault == Mode.FREEZE) {
                    closed.await(); // nothing passes until the relay is closed
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went: the other goes too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (fault != Mode.FREEZE) {
            end(from, Mode.CLOSE);
            end(to, Mode.CLOSE);
        }
    }

    private static void end(Socket socket, Mode mode) {
        try {
            if (mode == Mode.RESET) {
                socket.setSoLinger(true, 0); // close sends RST instead of FIN
            }
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Close every connection and the listener, and wait (2 s at most) for the relay's threads to end. */
    @Override
    public void close() {
        closed.countDown();
        try {
            listener.close();
        } catch (IOException e) {
            // closed
        }
        sockets.forEach(socket -> end(socket, Mode.CLOSE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
