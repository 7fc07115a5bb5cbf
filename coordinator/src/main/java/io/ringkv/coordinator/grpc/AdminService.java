package io.ringkv.coordinator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringkv.coordinator.command.NodeControl;
import io.ringkv.proto.admin.AdminGrpc;
import io.ringkv.proto.admin.FaultRequest;
import io.ringkv.proto.admin.FaultResponse;
import io.ringkv.proto.admin.NodeStatus;
import io.ringkv.proto.admin.SnapshotRequest;
import io.ringkv.proto.admin.SnapshotResponse;
import io.ringkv.proto.admin.StatusRequest;
import io.ringkv.proto.admin.StatusResponse;
import io.ringkv.storage.StorageEngine;
import java.util.function.Supplier;

/** Operator actions over gRPC: status and snapshots now; faults arrive with the chaos issue. */
public final class AdminService extends AdminGrpc.AdminImplBase {
    private final StorageEngine engine;
    private final Supplier<NodeControl> nodeControl;

    /** The node's control is created after the gRPC server starts, hence the supplier. */
    public AdminService(StorageEngine engine, Supplier<NodeControl> nodeControl) {
        this.engine = engine;
        this.nodeControl = nodeControl;
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> response) {
        NodeControl node = nodeControl.get();
        String nodeId = node.config().get("node_id");
        NodeStatus self = NodeStatus.newBuilder()
                .setNodeId(Integer.parseInt(nodeId))
                .setAddress(node.config().get("bind") + ":" + node.config().get("resp_port"))
                .setUp(true)
                .setState("NORMAL")
                .setKeyCount(node.liveKeyCount())
                .setOwnedShare(1.0)
                .build();
        response.onNext(StatusResponse.newBuilder().addNodes(self).build());
        response.onCompleted();
    }

    @Override
    public void snapshot(SnapshotRequest request, StreamObserver<SnapshotResponse> response) {
        engine.snapshot().whenComplete((info, failure) -> {
            if (failure != null) {
                response.onError(Status.INTERNAL.withDescription(failure.toString()).asRuntimeException());
                return;
            }
            response.onNext(SnapshotResponse.newBuilder().setFile(info.file().toString()).setCells(info.cells()).build());
            response.onCompleted();
        });
    }

    @Override
    public void fault(FaultRequest request, StreamObserver<FaultResponse> response) {
        NodeControl node = nodeControl.get();
        if (node == null) {
            response.onError(Status.UNAVAILABLE.withDescription("node is starting").asRuntimeException());
            return;
        }
        try {
            response.onNext(FaultResponse.newBuilder().addAllLines(node.fault(request.getArgsList())).build());
            response.onCompleted();
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }
}
