package org.eusedge.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.ServerRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * Reads a request's JSON object with a size cap: an announced length over the cap is refused before reading, and a
 * chunked body is read only up to the cap (so one oversized request cannot take the appliance's memory).
 */
final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {}

    static JsonNode read(ServerRequest req, int maxBytes) {
        OptionalLong announced = req.headers().contentLength();
        if (announced.isPresent() && announced.getAsLong() > maxBytes) {
            throw tooLarge(announced.getAsLong() + " bytes", maxBytes);
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
            }
            body = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body: " + e.getMessage(), e);
        }
        if (body.length == 0) throw ApiError.badRequest("the request has no body; send a JSON object");
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) throw ApiError.badRequest("the body must be a JSON object");
        return node;
    }

    /** A required field; its absence is named. */
    static JsonNode field(JsonNode body, String name, String example) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) throw ApiError.badRequest("missing field \"" + name + "\"; expected e.g. " + example);
        return v;
    }

    static long frameId(JsonNode body) {
        JsonNode v = field(body, "frame_id", "\"frame_id\": 1234 (from /api/freeze)");
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw ApiError.badRequest("\"frame_id\" is " + v + "; it must be the integer returned by /api/freeze");
        }
        return v.longValue();
    }

    private static ApiError tooLarge(String size, int maxBytes) {
        return new ApiError(413, "the request is too large (" + size + "); the limit is " + maxBytes
                + " bytes: send only the frame id, the outline and the clinical values");
    }
}
