package io.ringkv.coordinator.repair;

import io.ringkv.proto.internode.TokenRangeRef;
import io.ringkv.sharding.TokenRange;

/** Token ranges to and from their protobuf form. */
final class RangeMessages {
    private RangeMessages() {
    }

    static TokenRangeRef toMessage(TokenRange range) {
        return TokenRangeRef.newBuilder().setStart(range.start()).setEnd(range.end()).build();
    }

    static TokenRange fromMessage(TokenRangeRef message) {
        return new TokenRange(message.getStart(), message.getEnd());
    }
}
