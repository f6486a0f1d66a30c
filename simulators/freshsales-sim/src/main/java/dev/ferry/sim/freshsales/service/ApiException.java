package dev.ferry.sim.freshsales.service;

import java.util.List;

/** An API error answered with the envelope {@code {"errors":{"code":<status>,"message":[...]}}}. */
public class ApiException extends RuntimeException {

    /** One message: catalogue key plus arguments, localised when the response is written. */
    public record Msg(String key, Object... args) {
    }

    private final int status;
    private final transient List<Msg> messages;

    public ApiException(int status, String key, Object... args) {
        this(status, List.of(new Msg(key, args)));
    }

    public ApiException(int status, List<Msg> messages) {
        super(messages.isEmpty() ? "error " + status : messages.get(0).key(), null, false, false);
        this.status = status;
        this.messages = List.copyOf(messages);
    }

    public int status() {
        return status;
    }

    public List<Msg> messages() {
        return messages;
    }

    public List<String> localized(String lang) {
        return messages.stream().map(m -> Messages.format(lang, m.key(), m.args())).toList();
    }

    public static ApiException notFound() {
        return new ApiException(404, "record.not_found");
    }

    public static ApiException badRequest(String key, Object... args) {
        return new ApiException(400, key, args);
    }
}
