/** BouncyCastle peers (client and server), the queue-fed datagram transport and record checks. */
package io.ringedge.media.dtls.internal;
