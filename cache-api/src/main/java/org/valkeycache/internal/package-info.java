/**
 * Not API, may change in any release: helpers every module of valkey-cache shares, such as
 * {@link org.valkeycache.internal.Arguments}, the one argument rule of the public API, and
 * {@link org.valkeycache.internal.RespCommand}, a command in the wire protocol for the places that
 * talk to a server without glide.
 */
package org.valkeycache.internal;
