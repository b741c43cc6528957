package io.ringedge.media.rtcp;

/**
 * Equipment impairment factor Ie and packet-loss robustness Bpl of a codec, for the E-model's
 * Ie,eff (ITU-T G.107 §7.4, values from ITU-T G.113 Appendix I).
 */
public enum CodecImpairment {
    /** G.113 Appendix I, Table I.3: G.711 with the Appendix I concealment, random loss. We conceal, so this is ours. */
    G711_WITH_PLC(0, 25.1),
    /** G.113 Appendix I, Table I.3: G.711 without concealment. */
    G711_WITHOUT_PLC(0, 4.3),
    /**
     * Opus, narrowband SILK at 24 kbit/s with in-band FEC and PLC, as we send it. ITU-T publishes no
     * narrowband Ie/Bpl for Opus (G.113 Appendix I lists none; P.833/P.834 derivations for Opus are
     * research work). Provisional values of our choice: Ie = 5, the figure G.113 gives GSM-EFR,
     * a narrowband codec of similar rate and clean-channel quality; Bpl = 25.1, G.711 with PLC's,
     * since Opus PLC is at least as good and its FEC better. Replace when a P.833 value exists.
     */
    OPUS(5, 25.1);

    private final double ie;
    private final double bpl;

    CodecImpairment(double ie, double bpl) {
        this.ie = ie;
        this.bpl = bpl;
    }

    public double ie() {
        return ie;
    }

    public double bpl() {
        return bpl;
    }
}
