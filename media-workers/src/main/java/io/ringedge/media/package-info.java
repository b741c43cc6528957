/**
 * The media worker process: its configuration ({@link io.ringedge.media.MediaConfig}), its wiring
 * ({@link io.ringedge.media.MediaWorker}) and its entry point ({@link io.ringedge.media.MediaWorkerMain}).
 */
package io.ringedge.media;
