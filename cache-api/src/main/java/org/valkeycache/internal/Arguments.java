package org.valkeycache.internal;

/**
 * The one argument rule of the public API, in one place: a null or invalid argument is an
 * {@link IllegalArgumentException} whose message names the argument. Public entry points of every
 * module check through here; {@code Objects.requireNonNull} is left for internal invariants.
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Checks that an argument is present.
     *
     * @param value the argument
     * @param name the argument's name, as the caller wrote it
     * @param <T> the argument's type
     * @return {@code value}
     * @throws IllegalArgumentException "{@code <name> must not be null}" when {@code value} is null
     */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Checks a condition on arguments.
     *
     * @param valid whether the arguments are acceptable
     * @param message the message, naming the argument at fault
     * @throws IllegalArgumentException with {@code message} when {@code valid} is false
     */
    public static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
