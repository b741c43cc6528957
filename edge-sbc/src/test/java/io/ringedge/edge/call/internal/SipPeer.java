package io.ringedge.edge.call.internal;

import io.ringedge.edge.sip.LoopbackSipStack;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An independent jain-sip user agent on loopback, playing the PBX or a device in tests. It keeps
 * every request and response it receives in arrival order and answers nothing by itself.
 */
final class SipPeer extends LoopbackSipStack {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Generous: this machine is shared, and a loaded JVM can stall for seconds. */
    private static final long WAIT_SECONDS = 10;

    final String name;
    final BlockingQueue<RequestEvent> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<ResponseEvent> responses = new LinkedBlockingQueue<>();

    SipPeer(String name) throws Exception {
        super("127.0.0.1", properties(name));
        this.name = name;
    }

    private static Properties properties(String name) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "peer-" + name + "-" + INSTANCES.incrementAndGet());
        // a plain UA: the stack keeps its dialogs, the test decides every response
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        return p;
    }

    SipProvider provider(String transport) {
        return transport.equalsIgnoreCase("UDP") ? udp : tcp;
    }

    /** This peer's own address, as a Request-URI another UA can send to. */
    SipURI uri(String user, String transport) throws Exception {
        SipURI uri = addresses.createSipURI(user, "127.0.0.1");
        uri.setPort(provider(transport).getListeningPoint().getPort());
        uri.setTransportParam(transport.toLowerCase());
        return uri;
    }

    /** Sends an INVITE as a UAC, from {@code callerUser} with display name {@code callerName}. */
    ClientTransaction invite(String requestUri, String transport, String callerName, String callerUser, String sdp)
            throws Exception {
        SipProvider provider = provider(transport);
        var from = addresses.createAddress(addresses.createSipURI(callerUser, "127.0.0.1"));
        from.setDisplayName(callerName);
        var to = addresses.createAddress(requestUri);
        ViaHeader via = headers.createViaHeader("127.0.0.1", provider.getListeningPoint().getPort(), transport, null);
        Request invite = messages.createRequest(addresses.createURI(requestUri), Request.INVITE,
                provider.getNewCallId(), headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, tag()), headers.createToHeader(to, null), List.of(via),
                headers.createMaxForwardsHeader(70));
        invite.setHeader(headers.createContactHeader(addresses.createAddress(uri(callerUser, transport))));
        invite.setContent(sdp.getBytes(StandardCharsets.UTF_8), sdpType());
        ClientTransaction tx = provider.getNewClientTransaction(invite);
        tx.sendRequest();
        return tx;
    }

    /** Answers a received request statefully; 1xx-2xx to an INVITE get a To tag and a Contact. */
    ServerTransaction respond(RequestEvent event, ServerTransaction existing, int status, Optional<String> sdp)
            throws Exception {
        ServerTransaction tx = existing != null ? existing
                : event.getServerTransaction() != null ? event.getServerTransaction()
                : ((SipProvider) event.getSource()).getNewServerTransaction(event.getRequest());
        Response response = messages.createResponse(status, tx.getRequest());
        if (Request.INVITE.equals(tx.getRequest().getMethod()) && status > 100) {
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            String tag = tx.getDialog() != null && tx.getDialog().getLocalTag() != null
                    ? tx.getDialog().getLocalTag() : "dev" + tag();
            to.setTag(tag);
            String transport = ((ViaHeader) tx.getRequest().getHeader(ViaHeader.NAME)).getTransport();
            response.setHeader(headers.createContactHeader(addresses.createAddress(uri(name, transport))));
        }
        if (sdp.isPresent()) {
            response.setContent(sdp.get().getBytes(StandardCharsets.UTF_8), sdpType());
        }
        tx.sendResponse(response);
        return tx;
    }

    void ack(Dialog dialog) throws Exception {
        dialog.sendAck(dialog.createAck(1L));
    }

    ClientTransaction bye(Dialog dialog, String transport) throws Exception {
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction tx = provider(transport).getNewClientTransaction(bye);
        dialog.sendRequest(tx);
        return tx;
    }

    void cancel(ClientTransaction invite) throws Exception {
        Request cancel = invite.createCancel();
        String transport = ((ViaHeader) invite.getRequest().getHeader(ViaHeader.NAME)).getTransport();
        provider(transport).getNewClientTransaction(cancel).sendRequest();
    }

    RequestEvent nextRequest(String method) throws InterruptedException {
        RequestEvent e = requests.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError(name + ": no " + method + " arrived");
        }
        if (!e.getRequest().getMethod().equals(method)) {
            throw new AssertionError(name + ": expected " + method + ", got " + e.getRequest());
        }
        return e;
    }

    Response nextResponse() throws InterruptedException {
        ResponseEvent e = responses.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError(name + ": no response arrived");
        }
        return e.getResponse();
    }

    /**
     * The next response whose CSeq method is {@code method}, skipping others (e.g. a CANCEL's 200)
     * and 100 Trying, which a UDP retransmission may bring more than once.
     */
    Response nextResponse(String method) throws InterruptedException {
        while (true) {
            Response r = nextResponse();
            if (r.getStatusCode() != 100
                    && ((javax.sip.header.CSeqHeader) r.getHeader("CSeq")).getMethod().equals(method)) {
                return r;
            }
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        requests.add(event);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        responses.add(event);
    }

    static String body(javax.sip.message.Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    private ContentTypeHeader sdpType() throws java.text.ParseException {
        return headers.createContentTypeHeader("application", "sdp");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
