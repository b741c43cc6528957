package io.ringedge.media.rtcp;

/**
 * The ITU-T G.107 (06/2015) E-model with its default parameters (Table 3) except delay, codec and
 * loss: R = Ro − Is − Id − Ie,eff + A, then MOS from R (Annex B). With all defaults R is 93.2,
 * MOS 4.41, the figure of a clean G.711 connection.
 */
public final class EModel {
    /** §7.2 with the default SLR, RLR, Nc, Ps, Pr, Nfor: Ro = 15 − 1.5(SLR + No) = 94.77. */
    static final double RO = 94.77;
    /** §7.3 with the default STMR, RLR, qdu: Is = 1.41 (Iolr + Ist + Iq). */
    static final double IS = 1.41;
    /** Default TELR (talker echo loudness rating), dB. */
    private static final double TELR = 65;
    /** Default WEPL (weighted echo path loss), dB. */
    private static final double WEPL = 110;
    /** Ro − Re uses Roe = −1.5(No − RLR) with default No = −61.18 dBm0p and RLR = 2. */
    private static final double ROE = -1.5 * (-61.18 - 2);
    /** Default sT, mT: the delay sensitivity of conversational telephony (§7.4). */
    private static final double MT = 100;

    private EModel() {
    }

    /**
     * The rating factor R for a mouth-to-ear one-way delay (T = Ta, round-trip echo path Tr = 2T,
     * §7.4), a codec, and a random packet loss in percent (BurstR = 1).
     */
    public static double rating(double oneWayDelayMs, CodecImpairment codec, double lossPercent) {
        return RO - IS - delayImpairment(oneWayDelayMs) - effectiveEquipmentImpairment(codec, lossPercent);
    }

    /** G.107 §7.4: Id = Idte + Idle + Idd. */
    static double delayImpairment(double t) {
        double terv = TELR - 40 * Math.log10((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
        double re = 80 + 2.5 * (terv - 14);
        double idte = ((ROE - re) / 2 + Math.sqrt((ROE - re) * (ROE - re) / 4 + 100) - 1) * (1 - Math.exp(-t));
        double tr = 2 * t;
        double rle = 10.5 * (WEPL + 7) * Math.pow(tr + 1, -0.25);
        double idle = (RO - rle) / 2 + Math.sqrt((RO - rle) * (RO - rle) / 4 + 169);
        double idd = 0;
        if (t > MT) {
            double x = Math.log10(t / MT) / Math.log10(2);
            idd = 25 * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6) - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6) + 2);
        }
        return idte + idle + idd;
    }

    /** G.107 §7.5: Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl / BurstR + Bpl), random loss so BurstR = 1. */
    static double effectiveEquipmentImpairment(CodecImpairment codec, double lossPercent) {
        double ppl = Math.max(0, lossPercent);
        return codec.ie() + (95 - codec.ie()) * ppl / (ppl + codec.bpl());
    }

    /** G.107 Annex B: MOS (conversational quality estimate) from R. */
    public static double mos(double r) {
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        double mos = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
        // Annex B notes the polynomial dips below 1 for R under about 6.5; MOS is 1..4.5 by definition.
        return Math.max(1, mos);
    }
}
