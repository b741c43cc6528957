package io.ringedge.edge.sip.registrar;

import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.sip.InboundRequest;
import io.ringedge.edge.sip.RegistrationHandler;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.Responder;
import io.ringedge.edge.sip.ws.Flow;
import io.ringedge.edge.sip.ws.FlowTable;
import io.ringedge.edge.token.DeviceClaims;
import io.ringedge.edge.token.TokenVerifier;
import io.ringedge.edge.token.Verification;
import io.ringedge.events.DeviceAttached;
import io.ringedge.events.DeviceRegistered;
import io.ringedge.events.DeviceUnregistered;
import io.ringedge.events.EventPublisher;
import io.ringedge.events.PushHandle;
import io.ringedge.locator.Binding;
import io.ringedge.push.AttachTokens;
import io.ringedge.locator.DeviceDirectory;
import io.ringedge.locator.LocatorUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registrar for devices over WS/WSS (RFC 3261 §10.3, RFC 7118). REGISTER is authenticated by a
 * bearer token (RFC 8898 §2.3): the token's user must be the To AOR's user, and the binding is keyed
 * by the token's tenant, user and device. Bindings live in the shared {@link DeviceDirectory} with
 * the granted expiry; the Contact is pinned to the flow so requests to it use that WebSocket.
 * A flow that closes takes its bindings with it.
 *
 * <p>A device woken by a push adds the attach token from that push ({@link AttachGate#HEADER}); a
 * refused one is a 401 and nothing is bound, an accepted one binds and announces the device to the
 * edge holding its call ({@link DeviceAttached}).
 */
public final class Registrar implements RegistrationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    private static final String REALM = "ringedge";
    /** Seconds a device should wait before it tries again while the registration store is down. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final String nodeId;
    private final EdgeConfig.Registrar bounds;
    private final TokenVerifier tokens;
    private final DeviceDirectory directory;
    private final EventPublisher events;
    private final FlowTable flows;
    private final Responder responder;
    private final HeaderFactory headers;
    private final RejectCounters counters;
    private final AttachGate attach;
    private final Clock clock;

    public Registrar(String nodeId, EdgeConfig.Registrar bounds, TokenVerifier tokens, DeviceDirectory directory,
                     EventPublisher events, FlowTable flows, Responder responder, HeaderFactory headers,
                     RejectCounters counters, AttachGate attach, Clock clock) {
        this.nodeId = nodeId;
        this.bounds = bounds;
        this.tokens = tokens;
        this.directory = directory;
        this.events = events;
        this.flows = flows;
        this.responder = responder;
        this.headers = headers;
        this.counters = counters;
        this.attach = attach;
        this.clock = clock;
        flows.onClose(this::flowClosed);
    }

    /**
     * Answers every REGISTER, also when the shared store fails: 503 with Retry-After (RFC 3261
     * §21.5.4) tells the device to try again shortly, where silence would leave it waiting on its
     * transaction timer.
     */
    @Override
    public void register(InboundRequest in) {
        try {
            registerOrThrow(in);
        } catch (LocatorUnavailableException e) {
            LOG.warn("REGISTER from {} refused, registration store unavailable: {}", in.source(), e.getMessage());
            responder.replyRetryAfter(in, 503, "Service Unavailable (registration store unavailable)", RETRY_AFTER_SECONDS);
        }
    }

    private void registerOrThrow(InboundRequest in) {
        // before the token checks and the Redis writes: a woken device's wait starts here
        Instant received = clock.instant();
        Optional<Flow> flow = in.flow();
        if (flow.isEmpty()) {
            // A request on a WS listener always has a flow unless it closed while we were dispatching.
            responder.reply(in, 480, "Connection Gone");
            return;
        }
        DeviceClaims claims;
        switch (tokens.verify(bearerToken(in))) {
            case Verification.Invalid invalid -> {
                counters.increment(RejectCounters.Reason.UNAUTHENTICATED);
                unauthorized(in, invalid.reason());
                return;
            }
            case Verification.Valid valid -> claims = valid.claims();
        }
        ToHeader to = (ToHeader) in.request().getHeader(ToHeader.NAME);
        if (!(to.getAddress().getURI() instanceof SipURI aor) || !claims.userId().equals(aor.getUser())) {
            responder.reply(in, 403, "Token User Does Not Match To");
            return;
        }
        ContactHeader contact = (ContactHeader) in.request().getHeader(ContactHeader.NAME);
        if (contact == null) {
            // RFC 3261 §10.2.3: a REGISTER without Contact is a query; a device's own binding is all it may see.
            reply(in, claims, directory.bindings(claims.tenantId(), claims.userId()), null, 0);
            return;
        }
        Integer requested = requestedExpiry(in, contact);
        if (contact.isWildCard() || !(contact.getAddress().getURI() instanceof SipURI target)) {
            if (contact.isWildCard() && Integer.valueOf(0).equals(requested)) {
                remove(in, claims, null); // RFC 3261 §10.2.2: "*" with Expires: 0 removes all of this device's
            } else {
                responder.reply(in, 400, contact.isWildCard() ? "Wildcard Contact Needs Expires 0" : "Contact Must Be A SIP URI");
            }
            return;
        }
        Optional<PushHandle> handle;
        switch (PushParameters.of(target)) {
            case PushParameters.Request.None none -> handle = Optional.empty();
            case PushParameters.Request.Handle h -> handle = Optional.of(h.handle());
            case PushParameters.Request.Malformed bad -> {
                responder.reply(in, 400, bad.reason());
                return;
            }
            case PushParameters.Request.Unsupported unsupported -> {
                unsupportedPushService(in);
                return;
            }
        }
        switch (Expiry.decide(requested, bounds)) {
            case Expiry.Remove r -> remove(in, claims, target);
            case Expiry.TooBrief brief -> tooBrief(in, brief.minExpires());
            case Expiry.Granted granted -> grant(in, claims, flow.get(), target, handle, granted.seconds(), received);
        }
    }

    /** Binds; a woken device's REGISTER must also carry a good attach token, and is then announced. */
    private void grant(InboundRequest in, DeviceClaims claims, Flow flow, SipURI target, Optional<PushHandle> handle,
                       int expires, Instant received) {
        Optional<String> attachToken = headerValue(in, AttachGate.HEADER);
        if (attachToken.isEmpty()) {
            bind(in, claims, flow, target, handle, expires);
            return;
        }
        if (!attach.enabled()) {
            counters.increment(RejectCounters.Reason.UNAUTHENTICATED);
            unauthorized(in, "attach tokens not accepted");
            return;
        }
        switch (attach.check(attachToken.get(), claims.deviceId())) {
            case AttachTokens.Check.Refused refused -> {
                counters.increment(RejectCounters.Reason.UNAUTHENTICATED);
                unauthorized(in, AttachGate.reason(refused.refusal()));
            }
            case AttachTokens.Check.Valid valid -> {
                if (bind(in, claims, flow, target, handle, expires)) {
                    DeviceAttached attached = new DeviceAttached(valid.callId(), claims.deviceId(), nodeId, received);
                    events.publish(attached);
                    attach.announce(attached, flow.id().value(), target.toString());
                }
            }
        }
    }

    /**
     * RFC 8599 §5.2 (§14.3 defines the code): a pn-provider we cannot push through is a 555, with
     * the services we do support in Feature-Caps (RFC 6809) so the device can pick another.
     */
    private void unsupportedPushService(InboundRequest in) {
        try {
            Header caps = headers.createHeader("Feature-Caps", "*;+sip.pns=\""
                    + String.join(",", PushParameters.PROVIDERS.stream().sorted().toList()) + "\"");
            responder.reply(in, 555, "Push Notification Service Not Supported", List.of(caps));
        } catch (ParseException e) {
            throw new IllegalStateException("Feature-Caps built from constants", e);
        }
    }

    /** Returns whether the device is bound (its WebSocket may have closed meanwhile). */
    private boolean bind(InboundRequest in, DeviceClaims claims, Flow flow, SipURI target, Optional<PushHandle> handle,
                      int expires) {
        Binding binding = new Binding(claims.tenantId(), claims.userId(), claims.deviceId(), nodeId,
                flow.id().value(), target.toString(), handle);
        List<Binding> bound = directory.bind(binding, Duration.ofSeconds(expires));
        flows.pin(target, flow.id());
        if (flows.find(flow.id()).isEmpty()) {
            // The WebSocket closed while this REGISTER was in flight: its close handler may already
            // have swept the flow's bindings, so this one would linger until expiry. Take it back.
            directory.unbind(claims.tenantId(), claims.userId(), claims.deviceId());
            responder.reply(in, 480, "Connection Gone");
            return false;
        }
        events.publish(new DeviceRegistered(claims.deviceId(), claims.tenantId(), claims.userId(), nodeId, expires));
        LOG.debug("bound {}/{}/{} on flow {} for {}s", claims.tenantId(), claims.userId(), claims.deviceId(), flow.id(), expires);
        reply(in, claims, bound, target, expires);
        return true;
    }

    private void remove(InboundRequest in, DeviceClaims claims, SipURI target) {
        Optional<Binding> removed = directory.unbind(claims.tenantId(), claims.userId(), claims.deviceId());
        if (target != null) {
            flows.unpin(target);
        }
        removed.ifPresent(b -> events.publish(new DeviceUnregistered(b.deviceId(), b.tenantId(), b.userId(),
                DeviceUnregistered.Reason.UNREGISTERED)));
        reply(in, claims, directory.bindings(claims.tenantId(), claims.userId()), null, 0);
    }

    private void flowClosed(Flow flow) {
        for (Binding b : directory.unbindFlow(nodeId, flow.id().value())) {
            events.publish(new DeviceUnregistered(b.deviceId(), b.tenantId(), b.userId(),
                    DeviceUnregistered.Reason.CONNECTION_CLOSED));
        }
    }

    /**
     * 200 listing the AOR's current bindings (RFC 3261 §10.3 step 8). The expiry is known only for
     * the binding just made; the others carry their Contact alone.
     */
    private void reply(InboundRequest in, DeviceClaims claims, List<Binding> bindings, SipURI current, int expires) {
        List<Header> out = new ArrayList<>();
        try {
            for (Binding b : bindings) {
                ContactHeader c = (ContactHeader) headers.createHeader(ContactHeader.NAME, "<" + b.contact() + ">");
                if (current != null && b.deviceId().equals(claims.deviceId())) {
                    c.setExpires(expires);
                }
                out.add(c);
            }
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            LOG.warn("stored binding contact does not parse for {}/{}", claims.tenantId(), claims.userId(), e);
        }
        responder.reply(in, 200, "OK", out);
    }

    private void tooBrief(InboundRequest in, int minExpires) {
        try {
            responder.reply(in, 423, "Interval Too Brief", List.of(headers.createMinExpiresHeader(minExpires)));
        } catch (javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException("configured min-expires is positive", e);
        }
    }

    /** RFC 8898 §2.3 / RFC 6750 §3: tell the device why, so it fetches a fresh token rather than retrying. */
    private void unauthorized(InboundRequest in, String reason) {
        try {
            Header challenge = headers.createHeader("WWW-Authenticate",
                    "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + reason + "\"");
            responder.reply(in, 401, "Unauthorized (" + reason + ")", List.of(challenge));
        } catch (ParseException e) {
            throw new IllegalStateException("WWW-Authenticate built from constants and a fixed reason", e);
        }
    }

    private static Optional<String> headerValue(InboundRequest in, String name) {
        Header h = in.request().getHeader(name);
        return h == null ? Optional.empty()
                : Optional.of(h.toString().substring(h.toString().indexOf(':') + 1).strip());
    }

    private static String bearerToken(InboundRequest in) {
        String value = headerValue(in, "Authorization").orElse(null);
        if (value == null) {
            return null;
        }
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return value.substring(7).strip();
    }

    private static Integer requestedExpiry(InboundRequest in, ContactHeader contact) {
        if (contact.getExpires() >= 0) {
            return contact.getExpires();
        }
        ExpiresHeader expires = (ExpiresHeader) in.request().getHeader(ExpiresHeader.NAME);
        return expires == null ? null : expires.getExpires();
    }
}
