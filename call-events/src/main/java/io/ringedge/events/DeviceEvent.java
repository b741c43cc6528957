package io.ringedge.events;

/** An event about one device's registration. Keyed by device id. */
public sealed interface DeviceEvent extends RingedgeEvent permits DeviceRegistered, DeviceUnregistered {

    String deviceId();

    @Override
    default String subject() {
        return deviceId();
    }
}
