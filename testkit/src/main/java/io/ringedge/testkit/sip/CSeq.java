package io.ringedge.testkit.sip;

/** The CSeq header: sequence number and method (RFC 3261 section 20.16). */
public record CSeq(long seq, String method) {

    public static CSeq parse(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2) {
            throw new SipParseException("CSeq must be '<number> <method>', was '" + value + "'");
        }
        try {
            long seq = Long.parseLong(parts[0]);
            if (seq < 0 || seq >= (1L << 31)) {
                throw new SipParseException("CSeq number must be below 2**31, was " + parts[0]);
            }
            return new CSeq(seq, parts[1]);
        } catch (NumberFormatException e) {
            throw new SipParseException("CSeq number is not a number: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return seq + " " + method;
    }
}
