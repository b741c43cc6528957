package io.ringedge.media.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every 4xx/5xx answer: a stable machine code ({@code bad-request}, {@code bad-sdp},
 * {@code unknown-session}, {@code already-answered}, {@code not-acceptable}, {@code no-capacity}),
 * a reason for humans and, for a failed negotiation, the SIP status (488) and the leg to send it on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlError(String error, String reason, Integer sipStatus, String leg) {

    public static ControlError of(String error, String reason) {
        return new ControlError(error, reason, null, null);
    }
}
