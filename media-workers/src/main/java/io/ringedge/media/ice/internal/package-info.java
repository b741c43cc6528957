/** Candidate pairs, their check list, role-conflict resolution and consent tracking. */
package io.ringedge.media.ice.internal;
