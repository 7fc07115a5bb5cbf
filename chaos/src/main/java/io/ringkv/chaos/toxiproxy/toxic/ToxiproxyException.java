package io.ringkv.chaos.toxiproxy.toxic;

/**
 * A request the server refuses. The {@link Kind} says why; the HTTP edge maps it to a status code,
 * and the message is the one Toxiproxy itself uses, because clients and tests compare them.
 */
public final class ToxiproxyException extends RuntimeException {

    /** Why a request was refused. */
    public enum Kind { BAD_REQUEST, NOT_FOUND, ALREADY_EXISTS, LISTEN_FAILED }

    private final Kind kind;

    public ToxiproxyException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ToxiproxyException badRequest(String message) {
        return new ToxiproxyException(Kind.BAD_REQUEST, message);
    }

    public static ToxiproxyException proxyNotFound() {
        return new ToxiproxyException(Kind.NOT_FOUND, "proxy not found");
    }

    public static ToxiproxyException proxyAlreadyExists() {
        return new ToxiproxyException(Kind.ALREADY_EXISTS, "proxy already exists");
    }

    public static ToxiproxyException toxicNotFound() {
        return new ToxiproxyException(Kind.NOT_FOUND, "toxic not found");
    }

    public static ToxiproxyException toxicAlreadyExists() {
        return new ToxiproxyException(Kind.ALREADY_EXISTS, "toxic already exists");
    }

    public static ToxiproxyException listenFailed(String message) {
        return new ToxiproxyException(Kind.LISTEN_FAILED, message);
    }
}
