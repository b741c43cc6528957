/** STUN's HMAC-SHA1 and CRC-32 computations over a message prefix. */
package io.ringedge.media.stun.internal;
