/**
 * The guided tour the README's main command runs ({@link org.valkeycache.demo.Demo}): an
 * executable, not a library.
 */
package org.valkeycache.demo;
