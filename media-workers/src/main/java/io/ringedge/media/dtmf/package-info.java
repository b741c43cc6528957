/**
 * RFC 4733 telephone events (DTMF): the payload read and written in place, and the relay node that
 * carries them across legs with payload type, clock rate and timeline mapped.
 */
package io.ringedge.media.dtmf;
