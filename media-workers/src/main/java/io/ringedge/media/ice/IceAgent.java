package io.ringedge.media.ice;

import io.ringedge.media.IpLiteral;
import io.ringedge.media.ice.internal.CandidatePair;
import io.ringedge.media.ice.internal.CheckList;
import io.ringedge.media.ice.internal.CheckMessages;
import io.ringedge.media.ice.internal.ConsentFreshness;
import io.ringedge.media.ice.internal.Generations;
import io.ringedge.media.ice.internal.PairState;
import io.ringedge.media.ice.internal.ProvenSources;
import io.ringedge.media.ice.internal.RoleConflict;
import io.ringedge.media.stun.StunClass;
import io.ringedge.media.stun.StunErrorCode;
import io.ringedge.media.stun.StunMessage;
import io.ringedge.media.stun.StunMessageType;
import io.ringedge.media.stun.StunParseResult;
import io.ringedge.media.stun.StunParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A full ICE agent (RFC 8445) for one component with one local host candidate: the advertised
 * address and the port of the transport's socket (which may be bound to another address, e.g.
 * behind a 1:1 NAT). It owns no socket and no thread: the transport feeds it STUN datagrams
 * ({@link #onStun}) and clock ticks ({@link #tick}), on its own thread only, and sends what the
 * agent hands to {@link Output}. Nomination is regular (§8.1.1): the controlling agent nominates
 * its first valid pair with a second check carrying USE-CANDIDATE.
 */
public final class IceAgent {
    /** Sends one datagram from the transport's socket. */
    @FunctionalInterface
    public interface Output {
        void send(byte[] datagram, InetSocketAddress to);
    }

    private enum Phase { CHECKING, SELECTED, FAILED, CONSENT_LOST }

    private static final int COMPONENT = 1;
    private static final int LOCAL_PREFERENCE = 65535;
    private static final long LOCAL_PRIORITY = IceCandidateType.HOST.priority(LOCAL_PREFERENCE, COMPONENT);
    private static final long PRFLX_PRIORITY = IceCandidateType.PEER_REFLEXIVE.priority(LOCAL_PREFERENCE, COMPONENT);
    private static final long IDLE_NANOS = Duration.ofSeconds(1).toNanos();

    private final InetSocketAddress advertised;
    private final IceTiming timing;
    private final Output output;
    private final Consumer<IceEvent> events;
    private final IceCounters counters;
    private final RandomGenerator random;
    private final long tieBreaker;
    private final CheckList checkList = new CheckList();
    private final ConsentFreshness consent;
    private final ProvenSources provenSources = new ProvenSources();
    private final Generations credentials;
    private IceRole role;
    private Phase phase = Phase.CHECKING;
    private boolean restarting;
    private long checkingSinceNanos;
    private long nextPacedNanos;
    private boolean nominationInProgress;
    private CandidatePair selectedPair;
    private volatile InetSocketAddress selected;

    public IceAgent(IceRole role, long tieBreaker, IceCredentials local, InetSocketAddress advertised, IceTiming timing,
                    Output output, Consumer<IceEvent> events, IceCounters counters, RandomGenerator random) {
        this.role = role;
        this.tieBreaker = tieBreaker;
        this.credentials = new Generations(local);
        this.advertised = advertised;
        this.timing = timing;
        this.output = output;
        this.events = events;
        this.counters = counters;
        this.random = random;
        this.consent = new ConsentFreshness(timing.consentInterval().toNanos(), timing.consentTimeout().toNanos(), random);
    }

    /** What goes into our SDP as {@code a=candidate}. */
    public IceCandidate localCandidate() {
        return IceCandidate.host("1", COMPONENT, advertised.getAddress().getHostAddress(), advertised.getPort(),
                LOCAL_PREFERENCE);
    }

    public IceCredentials localCredentials() {
        return credentials.local();
    }

    public IceRole role() {
        return role;
    }

    /** Where media goes; null until a pair is selected and again after consent is lost. Any thread. */
    public InetSocketAddress selected() {
        return selected;
    }

    /**
     * Whether media from {@code from} is the peer's: the selected pair, any other valid pair, or an
     * address whose checks authenticated ({@link ProvenSources}); RFC 8445 §12 says an agent must be
     * prepared to receive on any of them (the peer may send on the pair it chose while ours is
     * another, e.g. after a restart). Transport thread.
     */
    public boolean acceptsMediaFrom(InetSocketAddress from) {
        return from.equals(selected) || provenSources.contains(from)
                || checkList.find(from).filter(p -> p.state() == PairState.SUCCEEDED).isPresent();
    }

    /** The peer's credentials and candidates are known: checks start (RFC 8445 §6.1.4). */
    public void start(IceCredentials remoteCredentials, List<IceCandidate> candidates, long now) {
        credentials.remote(remoteCredentials);
        this.checkingSinceNanos = now;
        this.nextPacedNanos = now;
        candidates.forEach(this::addRemoteCandidate);
    }

    /**
     * RFC 8445 §9: new credentials on both sides, a new check list; media keeps flowing on the old
     * pair until a new one is selected. The roles are settled again as for an initial exchange
     * (RFC 8839 §3.4.2.1, RFC 8445 §6.1.1): between two full agents the side that offered the
     * restart controls, which is also what libwebrtc does ({@code redetermine_role_on_ice_restart}).
     */
    public void restart(IceCredentials newLocal, IceCredentials newRemote, List<IceCandidate> candidates, IceRole newRole,
                        long now) {
        credentials.restart(newLocal);
        role = newRole;
        checkList.clear();
        nominationInProgress = false;
        restarting = phase == Phase.SELECTED;
        if (!restarting) {
            phase = Phase.CHECKING;
        }
        selectedPair = null;
        start(newRemote, candidates, now);
    }

    /**
     * Adds a remote candidate (from SDP or trickled); false when it cannot be used here: not UDP,
     * not component 1, another address family, or a name rather than an IP literal (browsers'
     * mDNS {@code .local} host candidates are never resolved; their owners are reached as
     * peer-reflexive candidates when their checks arrive, RFC 8445 §7.3.1.3).
     */
    public boolean addRemoteCandidate(IceCandidate candidate) {
        if (!candidate.isUdp() || candidate.componentId() != COMPONENT || candidate.port() == 0) {
            return false;
        }
        Optional<InetAddress> address = IpLiteral.parse(candidate.address())
                .filter(a -> IpLiteral.sameFamily(a, advertised.getAddress()));
        if (address.isEmpty()) {
            return false;
        }
        InetSocketAddress remoteAddress = new InetSocketAddress(address.get(), candidate.port());
        return checkList.find(remoteAddress).isPresent()
                || checkList.add(new CandidatePair(remoteAddress, LOCAL_PRIORITY, candidate.priority(), role)).isPresent();
    }

    /** A datagram the demux classified as STUN. */
    public void onStun(byte[] buf, int offset, int length, InetSocketAddress from, long now) {
        if (phase == Phase.FAILED || phase == Phase.CONSENT_LOST) {
            return;
        }
        if (!(StunParser.parse(buf, offset, length) instanceof StunParseResult.Parsed parsed)
                || parsed.message().type().method() != StunMessageType.BINDING) {
            counters.countMalformed();
            return;
        }
        StunMessage message = parsed.message();
        switch (message.type().messageClass()) {
            case REQUEST -> onRequest(message, from, now);
            case SUCCESS_RESPONSE, ERROR_RESPONSE -> onResponse(message, from, now);
            case INDICATION -> { } // keepalives (RFC 8445 §11) need no answer
        }
    }

    /** Runs due retransmissions, paced checks, nomination and consent; returns the next deadline. */
    public long tick(long now) {
        if (phase == Phase.FAILED || phase == Phase.CONSENT_LOST) {
            return now + IDLE_NANOS;
        }
        long deadline = now + IDLE_NANOS;
        if (credentials.remote() != null) {
            deadline = Math.min(deadline, runChecks(now));
            boolean searching = phase == Phase.CHECKING || restarting;
            if (searching && now - checkingSinceNanos >= timing.connectTimeout().toNanos()) {
                if (phase == Phase.CHECKING) {
                    phase = Phase.FAILED;
                    events.accept(new IceEvent.Failed("no candidate pair nominated within " + timing.connectTimeout()));
                    return now + IDLE_NANOS;
                }
                restarting = false; // the restart found nothing; the old pair still has consent
            }
            if (searching) {
                deadline = Math.min(deadline, checkingSinceNanos + timing.connectTimeout().toNanos());
            }
        }
        if (phase == Phase.SELECTED) {
            if (consent.expired(now)) {
                phase = Phase.CONSENT_LOST;
                InetSocketAddress lost = selected;
                selected = null;
                events.accept(new IceEvent.ConsentLost(lost, Duration.ofNanos(consent.silenceNanos(now))));
                return now + IDLE_NANOS;
            }
            if (consent.due(now)) {
                sendConsentCheck(now);
            }
            deadline = Math.min(deadline, consent.nextDeadline());
        }
        return deadline;
    }

    private long runChecks(long now) {
        long deadline = Long.MAX_VALUE;
        for (CandidatePair pair : checkList.inProgress()) {
            if (now - pair.retransmitAtNanos() >= 0) {
                if (pair.transmissions() >= timing.maxTransmissions()) {
                    fail(pair);
                    continue;
                }
                sendCheck(pair, pair.transactionId());
                pair.retransmitted(now, timing.maxRto().toNanos());
            }
            deadline = Math.min(deadline, pair.retransmitAtNanos());
        }
        maybeNominate();
        if (now - nextPacedNanos >= 0) {
            Optional<CandidatePair> next = checkList.next(phase == Phase.CHECKING || restarting);
            if (next.isPresent()) {
                CandidatePair pair = next.get();
                byte[] transactionId = newTransactionId();
                pair.begin(transactionId, pair.isNominating(), now, timing.initialRto().toNanos());
                sendCheck(pair, transactionId);
                nextPacedNanos = now + timing.pacing().toNanos();
                deadline = Math.min(deadline, nextPacedNanos);
            }
        } else {
            deadline = Math.min(deadline, nextPacedNanos);
        }
        return deadline;
    }

    private void onRequest(StunMessage request, InetSocketAddress from, long now) {
        // RFC 8445 §7.3: USERNAME starts with our ufrag; MESSAGE-INTEGRITY under our password.
        IceCredentials ours = credentials.authenticating(request);
        if (ours == null) {
            counters.countUnauthenticated();
            return;
        }
        int[] unknown = request.unknownComprehensionRequired();
        if (unknown.length > 0) {
            counters.countUnknownAttributes();
            output.send(CheckMessages.unknownAttributes(request, unknown, ours.pwd()), from);
            return;
        }
        switch (RoleConflict.onRequest(role, tieBreaker, request.iceControlling(), request.iceControlled())) {
            case ANSWER_487 -> {
                counters.countRoleConflict();
                output.send(CheckMessages.roleConflict(request, ours.pwd()), from);
                return;
            }
            case SWITCH_ROLE -> {
                counters.countRoleConflict();
                switchRole();
            }
            case NONE -> { }
        }
        output.send(CheckMessages.success(request, from, ours.pwd()), from);
        counters.countRequestAnswered();
        provenSources.add(from);
        // §7.3.1.3: an unknown source is a peer-reflexive candidate with the priority it announced.
        Optional<CandidatePair> known = checkList.find(from);
        Optional<CandidatePair> found = known.isPresent() ? known : checkList.add(
                new CandidatePair(from, LOCAL_PRIORITY, request.priority().orElse(PRFLX_PRIORITY), role));
        if (found.isEmpty()) {
            return;
        }
        CandidatePair pair = found.get();
        if (pair.state() == PairState.WAITING || pair.state() == PairState.FAILED) {
            pair.retry(pair.isNominating());
            checkList.trigger(pair); // §7.3.1.4
        }
        if (request.useCandidate() && role == IceRole.CONTROLLED) {
            pair.peerNominated(); // §7.3.1.5: selected once (or as soon as) its own check succeeds
            if (pair.state() == PairState.SUCCEEDED) {
                select(pair, now);
            }
        }
    }

    private void onResponse(StunMessage response, InetSocketAddress from, long now) {
        if (!credentials.authenticatesResponse(response, restarting)) {
            counters.countUnauthenticated();
            return;
        }
        byte[] transactionId = response.transactionId();
        Optional<CandidatePair> found = checkList.byTransaction(transactionId);
        if (found.isEmpty()) {
            boolean consentAnswer = response.type().messageClass() == StunClass.SUCCESS_RESPONSE
                    && from.equals(selected) && consent.answered(transactionId, now);
            if (!consentAnswer) {
                counters.countUnmatchedResponse();
            }
            return;
        }
        CandidatePair pair = found.get();
        if (response.type().messageClass() == StunClass.ERROR_RESPONSE) {
            if (response.errorCode().map(StunErrorCode::code).orElse(0) == StunErrorCode.ROLE_CONFLICT) {
                // §7.2.5.1: the peer won the tie-break; take the other role and repeat the check.
                counters.countRoleConflict();
                switchRole();
                pair.retry(false);
                checkList.trigger(pair);
            } else {
                fail(pair);
            }
            return;
        }
        if (!from.equals(pair.remote())) {
            fail(pair); // §7.2.5.2.1: the answer must come from where the check went
            return;
        }
        boolean nominating = pair.isNominating();
        pair.succeeded();
        if (role == IceRole.CONTROLLING && nominating || role == IceRole.CONTROLLED && pair.isPeerNominated()) {
            select(pair, now);
        }
        maybeNominate();
    }

    private void maybeNominate() {
        if (role != IceRole.CONTROLLING || nominationInProgress || (selectedPair != null && !restarting)) {
            return;
        }
        checkList.bestSucceeded().ifPresent(pair -> {
            nominationInProgress = true;
            pair.retry(true);
            checkList.trigger(pair);
        });
    }

    private void select(CandidatePair pair, long now) {
        nominationInProgress = false;
        consent.granted(now);
        if (pair == selectedPair) {
            return;
        }
        selectedPair = pair;
        selected = pair.remote();
        phase = Phase.SELECTED;
        restarting = false;
        events.accept(new IceEvent.Selected(pair.remote(), role));
    }

    private void fail(CandidatePair pair) {
        if (pair.isNominating()) {
            nominationInProgress = false;
        }
        pair.failed();
    }

    private void switchRole() {
        role = role.other();
        checkList.reprioritise(role);
        nominationInProgress = false;
    }

    private void sendCheck(CandidatePair pair, byte[] transactionId) {
        boolean useCandidate = role == IceRole.CONTROLLING && pair.isNominating();
        IceCredentials remote = credentials.remote();
        output.send(CheckMessages.request(transactionId, remote.ufrag(), credentials.local().ufrag(), remote.pwd(),
                PRFLX_PRIORITY, role, tieBreaker, useCandidate), pair.remote());
        counters.countCheckSent();
    }

    /** RFC 7675 §5.1: a Binding request on the selected pair; its answer renews consent. */
    private void sendConsentCheck(long now) {
        byte[] transactionId = newTransactionId();
        consent.sent(transactionId, now);
        IceCredentials to = credentials.consentRemote(restarting);
        output.send(CheckMessages.request(transactionId, to.ufrag(), credentials.consentLocal(restarting).ufrag(),
                to.pwd(), PRFLX_PRIORITY, role, tieBreaker, false), selected);
        counters.countCheckSent();
    }

    private byte[] newTransactionId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return id;
    }
}
