/**
 * The media worker process: its configuration ({@link io.ringedge.media.MediaConfig}), its wiring
 * ({@link io.ringedge.media.MediaWorker}), its entry point ({@link io.ringedge.media.MediaWorkerMain})
 * and the UDP port allocator both legs take their ports from ({@link io.ringedge.media.UdpPortAllocator}).
 */
package io.ringedge.media;
