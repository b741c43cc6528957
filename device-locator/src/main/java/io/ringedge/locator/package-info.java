/**
 * The device locator's API: where a user's devices are (attached over WebSocket to some edge, or
 * asleep with a push handle), the registrations behind that ({@link io.ringedge.locator.DeviceDirectory},
 * written by the edge's registrar), pending calls every edge can see, and the event function that
 * turns {@code CallOffered} into {@code DevicesLocated}. Implemented over Redis in
 * {@code io.ringedge.locator.redis}.
 */
package io.ringedge.locator;
