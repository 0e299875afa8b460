package dev.memscope.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memscope.app.session.SessionException.Reason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads the fields of one JSON object of a session file; every error names the field by its path. */
final class JsonFields {
    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    SessionException corrupt(String field, String what) {
        return new SessionException(Reason.CORRUPT, "the session's '" + name(field) + "' " + what);
    }

    private JsonNode required(String field) throws SessionException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw corrupt(field, "is missing");
        }
        return v;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonFields object(String field) throws SessionException {
        JsonNode v = required(field);
        if (!v.isObject()) {
            throw corrupt(field, "must be an object, not " + v.getNodeType().name().toLowerCase());
        }
        return new JsonFields(v, name(field));
    }

    String text(String field) throws SessionException {
        JsonNode v = required(field);
        if (!v.isTextual()) {
            throw corrupt(field, "must be a string, not " + v);
        }
        return v.asText();
    }

    String optionalText(String field) throws SessionException {
        return has(field) ? text(field) : null;
    }

    long integer(String field) throws SessionException {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw corrupt(field, "must be a whole number, not " + v);
        }
        return v.asLong();
    }

    /** A number written as a {@code 0x...} string (addresses), or a plain whole number. */
    long hex(String field) throws SessionException {
        JsonNode v = required(field);
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        String t = v.isTextual() ? v.asText() : "";
        if (!t.startsWith("0x")) {
            throw corrupt(field, "must be a hexadecimal string such as \"0xb0000000\", not " + v);
        }
        try {
            return Long.parseUnsignedLong(t.substring(2), 16);
        } catch (NumberFormatException e) {
            throw corrupt(field, "is not a hexadecimal number: " + v);
        }
    }

    boolean bool(String field, boolean absent) throws SessionException {
        if (!has(field)) {
            return absent;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw corrupt(field, "must be true or false, not " + v);
        }
        return v.asBoolean();
    }

    /** A string naming one of a set of choices. */
    <E> E choice(String field, Function<String, Optional<E>> parse, String choices) throws SessionException {
        String t = text(field);
        return parse.apply(t).orElseThrow(() -> corrupt(field, "is '" + t + "', not one of " + choices));
    }

    List<JsonFields> objects(String field) throws SessionException {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw corrupt(field, "must be a list");
        }
        List<JsonFields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                throw corrupt(field + "[" + i + "]", "must be an object");
            }
            out.add(new JsonFields(v.get(i), name(field) + "[" + i + "]"));
        }
        return out;
    }

    List<String> texts(String field) throws SessionException {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw corrupt(field, "must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw corrupt(field, "must be a list of strings, not " + v);
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The names of an object's fields, in order. */
    List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            out.add(it.next().getKey());
        }
        return out;
    }
}
