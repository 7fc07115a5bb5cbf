package io.ringkv.coordinator.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The node's gRPC listener for the internode and admin services. */
public final class GrpcServer implements AutoCloseable {
    private static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Server server;

    private GrpcServer(Server server) {
        this.server = server;
    }

    public static GrpcServer start(String host, int port, InternodeEventLoops loops,
                                   java.util.List<io.grpc.ServerServiceDefinition> services) throws IOException {
        // Handlers never block (storage writes are queued, answers come back by callback), so they
        // run on the transport threads; gRPC's default pool would start a thread per concurrent call.
        NettyServerBuilder builder = loops.applyTo(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)))
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .directExecutor();
        for (io.grpc.ServerServiceDefinition service : services) {
            builder.addService(service);
        }
        return new GrpcServer(builder.build().start());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
