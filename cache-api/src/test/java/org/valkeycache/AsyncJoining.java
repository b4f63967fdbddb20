package org.valkeycache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * For unit tests of the asynchronous facade: a {@link BackendCommands} whose every command that
 * the asynchronous facade offers is started there (the method of the same name and parameters)
 * and joined. A failed future must carry the typed exception itself, which is rethrown; a
 * wrapped one fails the test. Methods without an asynchronous twin go to the blocking cache.
 */
final class AsyncJoining {

    private AsyncJoining() {
    }

    static BackendCommands over(BackendCommands cache) {
        AsyncBackendCommands async = cache.async();
        return (BackendCommands) Proxy.newProxyInstance(AsyncJoining.class.getClassLoader(),
                new Class<?>[] {BackendCommands.class}, (proxy, method, args) -> {
                    Method twin = twin(method);
                    try {
                        if (method.getName().equals("withVersion")) {
                            return over((BackendCommands) method.invoke(cache, args));
                        }
                        if (twin == null) {
                            return method.invoke(cache, args);
                        }
                        return join((CompletableFuture<?>) twin.invoke(async, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Method twin(Method method) {
        try {
            Method twin = AsyncBackendCommands.class.getMethod(method.getName(), method.getParameterTypes());
            return CompletableFuture.class.isAssignableFrom(twin.getReturnType()) ? twin : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object join(CompletableFuture<?> future) throws Throwable {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CompletionException) {
                throw new AssertionError("a future failed with a wrapped exception", e.getCause());
            }
            throw e.getCause();
        }
    }
}
