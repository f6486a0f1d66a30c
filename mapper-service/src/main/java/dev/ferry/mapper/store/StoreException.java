package dev.ferry.mapper.store;

/** The mapper's database failed. Messages name the operation, never row contents. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
