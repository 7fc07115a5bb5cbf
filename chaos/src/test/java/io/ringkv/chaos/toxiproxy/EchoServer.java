package io.ringkv.chaos.toxiproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP server on a free loopback port that writes back whatever it reads; the upstream of test proxies. */
final class EchoServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private EchoServer(ServerSocket listener) {
        this.listener = listener;
    }

    static EchoServer start() throws IOException {
        EchoServer server = new EchoServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        daemon("echo-accept", server::acceptConnections).start();
        return server;
    }

    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                connections.add(connection);
                daemon("echo-" + connection.getPort(), () -> echo(connection)).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket connection) {
        byte[] buffer = new byte[16 * 1024];
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // the proxy closed or reset the connection
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
