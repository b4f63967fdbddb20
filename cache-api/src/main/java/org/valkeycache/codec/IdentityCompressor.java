package org.valkeycache.codec;

import org.valkeycache.spi.Compressor;

/** No compression: bytes pass through unchanged both ways. The default compressor. */
public final class IdentityCompressor implements Compressor {

    /** Creates the compressor. */
    public IdentityCompressor() {
    }

    @Override
    public byte[] compress(byte[] data) {
        return data;
    }

    @Override
    public byte[] decompress(byte[] data) {
        return data;
    }
}
