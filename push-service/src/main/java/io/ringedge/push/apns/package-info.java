/** APNs over HTTP/2 with Pushy: PushKit VoIP pushes to ring, alert pushes for a missed call. */
package io.ringedge.push.apns;
