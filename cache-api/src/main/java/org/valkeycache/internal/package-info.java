/**
 * Not API, may change in any release: helpers every module of valkey-cache shares, such as
 * {@link org.valkeycache.internal.Arguments}, the one argument rule of the public API.
 */
package org.valkeycache.internal;
