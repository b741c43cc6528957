package io.ringedge.edge.sip;

import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A second, independent jain-sip stack playing the PBX: sends requests, collects final responses. */
final class TestUa extends LoopbackSipStack {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final BlockingQueue<Response> finals = new LinkedBlockingQueue<>();
    final BlockingQueue<RequestEvent> requests = new LinkedBlockingQueue<>();

    TestUa() throws Exception {
        this("127.0.0.1");
    }

    /** {@code address} may be any 127/8 address: Linux answers on all of them, so tests get distinct sources. */
    TestUa(String address) throws Exception {
        super(address, properties());
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "test-ua-" + INSTANCES.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // Classic blocking sockets: jain-sip's NIO client intermittently loses the first request of a
        // new outbound TCP connection ("Socket closed before register ops"); the PBX side need not be NIO.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", "gov.nist.javax.sip.stack.OIOMessageProcessorFactory");
        return p;
    }

    /** A fresh out-of-dialog request from this UA to {@code requestUri} over {@code transport}. */
    Request request(String method, String requestUri, String transport) throws Exception {
        SipProvider provider = transport.equalsIgnoreCase("UDP") ? udp : tcp;
        ListeningPoint lp = provider.getListeningPoint(transport);
        var uri = addresses.createURI(requestUri);
        var from = headers.createFromHeader(addresses.createAddress("sip:pbx@" + address), "f" + UUID.randomUUID());
        var to = headers.createToHeader(addresses.createAddress("sip:callee@127.0.0.1"), null);
        ViaHeader via = headers.createViaHeader(address, lp.getPort(), transport, null);
        Request r = messages.createRequest(uri, method, headers.createCallIdHeader(UUID.randomUUID() + "@test"),
                headers.createCSeqHeader(1L, method), from, to, new java.util.ArrayList<>(List.of(via)),
                headers.createMaxForwardsHeader(70));
        r.addHeader(headers.createContactHeader(addresses.createAddress("sip:pbx@" + address + ":" + lp.getPort()
                + ";transport=" + transport.toLowerCase())));
        return r;
    }

    /** Sends through a client transaction and waits for its final response. */
    Response send(Request request) throws Exception {
        SipProvider provider = request.getHeader(ViaHeader.NAME).toString().contains("UDP") ? udp : tcp;
        ClientTransaction tx = provider.getNewClientTransaction(request);
        tx.sendRequest();
        Response r = finals.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no final response to " + request.getMethod());
        }
        return r;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        if (event.getResponse().getStatusCode() >= 200) {
            finals.add(event.getResponse());
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        requests.add(event);
    }
}
