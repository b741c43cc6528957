package io.ringedge.push;

import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.EventFunctionRunner;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.EventsConfig;
import io.ringedge.events.Subscription;
import io.ringedge.events.Topics;
import io.ringedge.locator.LocatorConfig;
import io.ringedge.locator.redis.RedisLocator;
import io.ringedge.push.apns.ApnsPushProvider;
import io.ringedge.push.fcm.FcmPushProvider;
import io.ringedge.push.internal.PushState;
import io.ringedge.runtime.EventFunctionProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The push service wired by hand: providers from config, Redis, {@link PushFunction}, and its
 * {@link EventFunctionRunner} on the calls topic. {@link PushMain} runs it as a process; tests and
 * the one-JVM launcher start the same wiring.
 */
public final class PushService implements EventFunctionProcess.Function {

    /** Consumer group: instances share the work; each call's events go to one of them. */
    public static final String GROUP = "push-service";
    /**
     * The call events the push service acts on ({@link PushFunction#apply}); the others on the call
     * topic (rings, deliveries, attaches, its own push outcomes) are passed over undecoded.
     */
    public static final Subscription SUBSCRIPTION = new Subscription(Topics.CALLS, GROUP, Subscription.StartAt.LATEST)
            .only(DevicesLocated.class, CallAnswered.class, CallCancelled.class, CallEnded.class);

    private static final Logger LOG = LoggerFactory.getLogger(PushService.class);

    private final List<AutoCloseable> resources;
    private final EventFunctionRunner runner;

    private PushService(List<AutoCloseable> resources, EventFunctionRunner runner) {
        this.resources = resources;
        this.runner = runner;
    }

    /**
     * Starts consuming; results go through {@code publisher}, which the caller owns. Starts at the
     * newest event when the group has no offsets: pushing for hours-old calls would ring phones for
     * nothing.
     */
    public static PushService start(EventsConfig events, LocatorConfig locator, PushConfig push,
                                    EventPublisher publisher) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Map<String, PushProvider> providers = new HashMap<>();
            if (push.apns().isPresent()) {
                PushProvider apns = ApnsPushProvider.start(push.apns().get(), push.sendTimeout());
                resources.add(apns);
                providers.put(ApnsPushProvider.NAME, apns);
            }
            if (push.fcm().isPresent()) {
                PushProvider fcm = FcmPushProvider.start(push.fcm().get(), push.sendTimeout());
                resources.add(fcm);
                // RFC 8599 pn-provider "webpush" handles of browsers are FCM registration tokens here
                providers.put(FcmPushProvider.NAME, fcm);
                providers.put("webpush", fcm);
            }
            RedisLocator handles = RedisLocator.connect(locator);
            resources.add(handles);
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("ringedge-push-", 0).daemon().factory());
            resources.add(() -> {
                scheduler.shutdown();
                scheduler.awaitTermination(push.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            });
            PushFunction function = new PushFunction(push, providers,
                    new PushState(handles.link().asyncCommands(), locator.keyPrefix(), push.stateTtl()),
                    handles.directory(), publisher, scheduler, Clock.systemUTC());
            EventFunctionRunner runner = EventFunctionRunner.start(events,
                    SUBSCRIPTION, function, publisher);
            LOG.info("push service started: {}", push);
            return new PushService(resources, runner);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    @Override
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return runner.awaitAssignment(timeout);
    }

    /** Stops consuming first, then lets sends in flight finish, then closes providers and Redis. */
    @Override
    public void close() {
        runner.close();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        // reverse start order: the scheduler drains before Redis and the providers go away
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing push service: {}", e.toString());
            }
        }
    }
}
