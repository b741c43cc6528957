package io.ringedge.media.webrtc;

import io.ringedge.media.rtp.PacketKind;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps what a transport delivered, for assertions. */
final class RecordingListener implements TransportListener {
    record Media(PacketKind kind, byte[] bytes) {
    }

    final BlockingQueue<Media> media = new LinkedBlockingQueue<>();
    final List<TransportEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onMedia(byte[] buf, int offset, int length, PacketKind kind) {
        media.add(new Media(kind, Arrays.copyOfRange(buf, offset, offset + length)));
    }

    @Override
    public void onEvent(TransportEvent event) {
        events.add(event);
    }

    <T extends TransportEvent> T await(Class<T> type, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (TransportEvent event : events) {
                if (type.isInstance(event)) {
                    return type.cast(event);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + seconds + " s; events: " + events);
    }

    Media nextMedia(long seconds) throws InterruptedException {
        Media next = media.poll(seconds, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no media within " + seconds + " s; events: " + events);
        }
        return next;
    }
}
