package io.ringedge.events.internal;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding, binary content mode
 * (cloudevents/spec kafka-protocol-binding.md, section 3.2): every context attribute travels as a
 * header named {@code ce_<attribute>} with its value as UTF-8 text, and the data's media type as
 * {@code content-type}.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** Our extension attribute; CloudEvents extension names are lower-case letters and digits only. */
    public static final String SCHEMA_VERSION = "ce_schemaversion";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {
    }
}
