/**
 * ITU-T G.711 mu-law (PCMU) and A-law (PCMA), bit-exact with the ITU-T G.191 STL reference, for
 * the PBX leg (RFC 3551 payload types 0 and 8). Array-in/array-out, table-driven, allocation-free.
 */
package io.ringedge.media.codec.g711;
