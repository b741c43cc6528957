package io.ringedge.media.session;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.loop.FaultHandler;
import io.ringedge.media.loop.MediaLoop;
import io.ringedge.media.rtcp.CodecImpairment;
import io.ringedge.media.rtcp.RtcpSchedule;
import io.ringedge.media.rtp.RtpPacketPool;
import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.PayloadFormat;
import io.ringedge.media.transcode.AudioCodec;
import io.ringedge.media.transcode.LegFormat;
import io.ringedge.media.transcode.MediaDirection;
import io.ringedge.media.transcode.MediaPipelines;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What an answered session's media is made of: both directions (codecs, jitter buffers) with their
 * packet pools, both legs' counters, the device leg's report timing and the PBX leg. Built on the
 * thread that applies the answer, because building loads and sets up codecs, which must not hold up
 * the media loop's other sessions; the loop only installs the parts.
 */
record SessionParts(LegCounters pbxCounters, LegCounters deviceCounters, RtcpSchedule deviceRtcpSchedule,
                    RtpPacketPool pbxPool, RtpPacketPool transportPool, MediaDirection toDevice, MediaDirection toPbx,
                    PbxLeg pbx) {
    /** Packets in flight per direction: one received, one out of a transcoder, spares for bursts. */
    private static final int POOL_SIZE = 8;

    /** @param sdes the PBX leg's SDES contexts, null for plain RTP */
    static SessionParts build(MediaConfig config, MediaPipelines pipelines, RandomGenerator random, AgreedMedia agreed,
                              SdesContexts sdes, MediaLoop loop, FaultHandler owner, BoundPorts pbxPorts,
                              PbxLeg.Receiver receiver, long now) {
        LegFormat pbxFormat = format(agreed.pbxCodec(), agreed.pbxTelephoneEvent(), random);
        LegFormat deviceFormat = format(agreed.deviceCodec(), agreed.deviceTelephoneEvent(), random);
        // RFC 7022 §4.2: a random CNAME per session, so calls cannot be linked by it
        byte[] cnameBytes = new byte[12];
        random.nextBytes(cnameBytes);
        String cname = HexFormat.of().formatHex(cnameBytes);
        LegCounters pbxCounters = new LegCounters(pbxFormat.ssrc(), pbxFormat.codec().clockRate(),
                impairment(pbxFormat), cname, now);
        LegCounters deviceCounters = new LegCounters(deviceFormat.ssrc(), deviceFormat.codec().clockRate(),
                impairment(deviceFormat), cname, now);
        RtcpSchedule pbxRtcp = new RtcpSchedule(config.rtcpInterval(), new SplittableRandom(random.nextLong()), now);
        RtcpSchedule deviceRtcp = new RtcpSchedule(config.rtcpInterval(), new SplittableRandom(random.nextLong()), now);
        RtpPacketPool fromPbx = new RtpPacketPool(POOL_SIZE);
        RtpPacketPool fromDevice = new RtpPacketPool(POOL_SIZE);
        PbxLeg pbx = new PbxLeg(loop, owner, pbxPorts, new InetSocketAddress(agreed.pbxAddress(), agreed.pbxRtpPort()),
                new InetSocketAddress(agreed.pbxAddress(), agreed.pbxRtcpPort()), sdes, fromPbx, pbxCounters, pbxRtcp,
                receiver);
        return new SessionParts(pbxCounters, deviceCounters, deviceRtcp, fromPbx, fromDevice,
                pipelines.direction(pbxFormat, deviceFormat, fromPbx),
                pipelines.direction(deviceFormat, pbxFormat, fromDevice), pbx);
    }

    /** The E-model's equipment impairment of what a leg carries; we conceal loss on both codecs. */
    private static CodecImpairment impairment(LegFormat format) {
        return format.codec() == AudioCodec.OPUS ? CodecImpairment.OPUS : CodecImpairment.G711_WITH_PLC;
    }

    private static LegFormat format(PayloadFormat codec, Optional<PayloadFormat> telephoneEvent, RandomGenerator random) {
        AudioCodec audio = codec.isOpus() ? AudioCodec.OPUS
                : AudioCodec.valueOf(codec.rtpmap().encoding().toUpperCase(Locale.ROOT));
        return new LegFormat(audio, codec.payloadType(),
                telephoneEvent.map(PayloadFormat::payloadType).orElse(LegFormat.NO_EVENTS), random.nextInt());
    }
}
