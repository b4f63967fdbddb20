/**
 * Optional compressors, named in configuration by alias: zlib, gzip, lzma (xz), lz4, zstd,
 * brotli and bz2, each reading and writing its library's standard format. Application code
 * configures them and does not call them; the shared base is package-private.
 */
package org.valkeycache.compressors;
