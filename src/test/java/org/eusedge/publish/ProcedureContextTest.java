package org.eusedge.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcedureContextTest {

    private static ProcedureContext parse(String json) {
        return ProcedureContext.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheRoomSystemsFieldsAndNormalisesSex() {
        assertEquals(new ProcedureContext("P-17", 64, "female"), parse("{\"procedure_id\":\"P-17\",\"age\":64,\"sex\":\"F\"}"));
        assertEquals(new ProcedureContext("P-18", null, "male"), parse("{\"procedure_id\":\"P-18\",\"sex\":\" Male \"}"));
        assertEquals(new ProcedureContext("42", null, null), parse("{\"procedure_id\":42,\"age\":null}"));
    }

    @Test
    void wrongFieldsAreNamedInTheError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"age\":64}")).getMessage().contains("procedure_id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"procedure_id\":\"P\",\"age\":64.5}"))
                .getMessage().contains("age"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"procedure_id\":\"P\",\"age\":200}"))
                .getMessage().contains("0..130"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"procedure_id\":\"P\",\"sex\":\"x\"}"))
                .getMessage().contains("male/female"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("not json")).getMessage().contains("not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("[1]")).getMessage().contains("JSON object"));
    }
}
