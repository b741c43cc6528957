/** Machinery of the push service: per-call state in Redis, retries with backoff, send timeouts. */
package io.ringedge.push.internal;
