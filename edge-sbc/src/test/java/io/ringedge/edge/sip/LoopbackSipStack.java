package io.ringedge.edge.sip;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.SipStackImpl;
import io.ringedge.edge.sip.internal.FreePort;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import java.net.InetAddress;
import java.util.Properties;

/**
 * An independent jain-sip stack on a loopback address with a UDP and a TCP listening point on free
 * ports, for tests that play a PBX or a device against the edge. Subclasses decide what to do with
 * requests and responses; timeouts, I/O errors and terminations are left to the stack.
 */
public abstract class LoopbackSipStack implements SipListener, AutoCloseable {

    public final String address;
    public final SipStackImpl stack;
    public final SipProvider udp;
    public final SipProvider tcp;
    public final MessageFactory messages;
    public final HeaderFactory headers;
    public final AddressFactory addresses;

    /** {@code properties} must name the stack ({@code javax.sip.STACK_NAME}) and may set anything else. */
    protected LoopbackSipStack(String address, Properties properties) throws Exception {
        this.address = address;
        stack = new SipStackImpl(properties);
        InetAddress bind = InetAddress.getByName(address);
        ListeningPoint u = stack.createListeningPoint(address, FreePort.pick(bind, true), "UDP");
        ListeningPoint t = stack.createListeningPoint(address, FreePort.pick(bind, false), "TCP");
        udp = stack.createSipProvider(u);
        tcp = stack.createSipProvider(t);
        udp.addSipListener(this);
        tcp.addSipListener(this);
        SipFactory f = SipFactory.getInstance();
        messages = f.createMessageFactory();
        headers = f.createHeaderFactory();
        addresses = f.createAddressFactory();
        stack.start();
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        EventScanner scanner = stack.getEventScanner();
        stack.stop();
        if (scanner != null) { // wake jain-sip's stopped EventScannerThread, as EdgeSipStack.close does
            scanner.addEvent(new EventWrapper(new IOExceptionEvent(this, "shutdown", 0, "none"), null));
        }
    }
}
