/**
 * The media worker registry in Redis: each worker publishes its control URL, capacity and load
 * under a key with a TTL and refreshes it ({@link io.ringedge.media.registry.WorkerHeartbeat}); the
 * edge picks the least loaded live worker ({@link io.ringedge.media.registry.WorkerDirectory}). A
 * worker that dies stops refreshing and vanishes when its TTL lapses.
 */
package io.ringedge.media.registry;
