package io.ringedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.testkit.sipp.SippProcess;

import java.time.Duration;
import java.util.List;

/**
 * The edge's softphone page ({@code /phone}) open in Chromium, worked through its {@code window.phone}
 * API and its buttons. A failed wait says what the page's state was.
 */
final class BrowserPhone implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "JSON.stringify({status: phone.status, error: phone.error, call: phone.call,"
            + " history: phone.history})";
    /** the stats of the call in progress, else of the last call's connection (kept until the next call) */
    private static final String LAST_STATS = "phone.getStats().then(s => JSON.stringify(s))";

    private final Chromium.Page page;

    private BrowserPhone(Chromium.Page page) {
        this.page = page;
    }

    /** Opens {@code /phone} on the edge's HTTP port with the token in the fragment: it logs in at once. */
    static BrowserPhone open(Chromium chromium, int httpPort, String token) {
        return new BrowserPhone(chromium.open("http://127.0.0.1:" + httpPort + "/phone#token=" + token));
    }

    /**
     * As {@link #open(Chromium, int, String)}, answering with only these audio codecs (and
     * telephone-event): {@code ?codecs=opus} forces Opus on the browser leg.
     */
    static BrowserPhone open(Chromium chromium, int httpPort, String token, List<String> codecs) {
        return new BrowserPhone(chromium.open("http://127.0.0.1:" + httpPort + "/phone?codecs="
                + String.join(",", codecs) + "#token=" + token));
    }

    /** Opens {@code /phone} logged out. */
    static BrowserPhone openLoggedOut(Chromium chromium, int httpPort) {
        return new BrowserPhone(chromium.open("http://127.0.0.1:" + httpPort + "/phone"));
    }

    Chromium.Page page() {
        return page;
    }

    String status() {
        return page.eval("phone.status").asText();
    }

    String error() {
        return page.eval("phone.error").asText();
    }

    /** {@code phone.call}: state, caller, muted, originator, cause; null when there never was one. */
    JsonNode call() {
        return page.eval("phone.call");
    }

    /** The calls that ended, oldest first. */
    JsonNode history() {
        return page.eval("phone.history");
    }

    /** The page's text for an element (what a user sees). */
    String text(String selector) {
        return page.eval("document.querySelector(" + quote(selector) + ").textContent").asText();
    }

    boolean visible(String selector) {
        return !page.eval("document.querySelector(" + quote(selector) + ").hidden").asBoolean();
    }

    void awaitStatus(String status, Duration timeout) {
        await("phone.status === " + quote(status), timeout);
    }

    void awaitCallState(String state, Duration timeout) {
        await("phone.call && phone.call.state === " + quote(state), timeout);
    }

    /** Waits until {@code script} is truthy in the page. */
    void await(String script, Duration timeout) {
        try {
            page.waitFor(script, timeout);
        } catch (AssertionError e) {
            throw new AssertionError("waited " + timeout.toMillis() + " ms for `" + script + "`; the phone: "
                    + page.eval(STATE).asText() + "; its last stats: " + page.eval(LAST_STATS).asText(), e);
        }
    }

    /** Clicks Answer, as a user would. */
    void answer() {
        page.click("#answer");
    }

    /** What places the call the page is to answer (a PBX's SIPp run). */
    @FunctionalInterface
    interface PbxCall {
        SippProcess start() throws Exception;
    }

    /**
     * The registered page rings for the call {@code call} places and is answered with a real click
     * (after which the page may play the remote audio); the PBX's SIPp is returned, or closed if the
     * call never became active.
     */
    SippProcess answerCall(PbxCall call, Duration timeout) throws Exception {
        awaitStatus("registered", timeout);
        SippProcess pbx = call.start();
        try {
            awaitCallState("ringing", timeout);
            answer();
            awaitCallState("active", timeout);
            return pbx;
        } catch (Exception | AssertionError e) {
            pbx.close();
            throw e;
        }
    }

    void decline() {
        page.click("#decline");
    }

    void hangUp() {
        page.click("#hangup");
    }

    void toggleMute() {
        page.click("#mute");
    }

    /** Presses keypad keys: RFC 4733 events on the RTP path. */
    void press(String keys) {
        for (char key : keys.toCharArray()) {
            page.click("#keypad >> text=\"" + key + "\"");
        }
    }

    /** {@code phone.getStats()}: inbound, outbound, candidatePair. */
    JsonNode stats() {
        return page.eval("phone.getStats()");
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Closes the tab: the WebSocket and the peer connection go without a BYE. */
    @Override
    public void close() {
        page.close();
    }
}
