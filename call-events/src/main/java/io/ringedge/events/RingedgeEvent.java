package io.ringedge.events;

/**
 * Every event Ringedge publishes. Consumers switch over this sealed hierarchy exhaustively, so
 * adding an event makes the compiler point at every consumer that must decide what to do with it.
 *
 * <p>Schema rule: fields are only ever added (readers ignore unknown fields), never renamed or
 * removed. A breaking change needs a new type name.
 */
public sealed interface RingedgeEvent permits CallEvent, DeviceEvent {

    /** The CloudEvents {@code subject} and the Kafka record key: call id or device id. */
    String subject();
}
