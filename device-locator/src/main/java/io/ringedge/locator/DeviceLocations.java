package io.ringedge.locator;

import java.util.concurrent.CompletionStage;

/**
 * Answers "where are this user's devices?" for the call path (ARCHITECTURE step 3), without
 * holding the caller: a stage that fails with {@link LocatorUnavailableException} when the store
 * does. Blank ids are refused at once ({@link IllegalArgumentException}).
 */
public interface DeviceLocations {

    /** The user's attached and asleep devices now. */
    CompletionStage<UserDevices> locate(String tenantId, String userId);

    /**
     * Like {@link #locate}, but the first answer given for {@code callId} is kept and returned
     * again for the same call: a redelivered {@code CallOffered} yields the same
     * {@code DevicesLocated}, so the edge never sees two different device lists for one call.
     */
    CompletionStage<UserDevices> locateForCall(String callId, String tenantId, String userId);
}
