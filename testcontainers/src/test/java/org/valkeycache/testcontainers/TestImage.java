package org.valkeycache.testcontainers;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * The image this project's container tests run: {@code -Dvalkeycache.test.image=...} or the
 * environment variable {@code VALKEY_CACHE_TEST_IMAGE} (say {@code valkey/valkey:8.0} where Docker
 * Hub is reachable), otherwise {@value #LOCAL}, which {@code scripts/build-valkey-image.sh} builds
 * from the installed valkey binaries ({@code ./run-tests.sh} and {@code .ci/run} do), since our
 * machines cannot pull from public registries. The local image must exist: the tests fail at once
 * naming the script rather than trying to pull it.
 */
final class TestImage {

    /** The image scripts/build-valkey-image.sh builds by default. */
    static final String LOCAL = "valkey-cache/valkey:local";

    private static volatile String checked;

    private TestImage() {
    }

    static String name() {
        String image = System.getProperty("valkeycache.test.image");
        if (image == null || image.isBlank()) {
            image = System.getenv("VALKEY_CACHE_TEST_IMAGE");
        }
        if (image == null || image.isBlank()) {
            image = LOCAL;
        }
        if (image.equals(LOCAL) && !image.equals(checked)) {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                throw new IllegalStateException("the image " + image + " is missing: build it with "
                        + "scripts/build-valkey-image.sh (./run-tests.sh does), or name another image with "
                        + "-Dvalkeycache.test.image=... / VALKEY_CACHE_TEST_IMAGE", e);
            }
            checked = image;
        }
        return image;
    }
}
