package org.eusedge.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** No room system configured: results get their message id and go nowhere; the state says so plainly. */
final class DisabledRoomSystemLink implements RoomSystemLink {
    private static final LinkState STATE = new LinkState(LinkState.Status.DISABLED, 0, null);

    @Override
    public String publish(ObjectNode result) {
        Objects.requireNonNull(result, "result");
        return ResultMessages.ensureMessageId(result.deepCopy());
    }

    @Override
    public LinkState state() {
        return STATE;
    }

    @Override
    public void onProcedureContext(Consumer<ProcedureContext> listener) {
        // no room system, so no context will ever arrive
    }

    @Override
    public Optional<ProcedureContext> lastProcedureContext() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held
    }
}
