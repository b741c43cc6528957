/** FCM HTTP v1 with the Firebase Admin SDK: high-priority data messages for Android and web push. */
package io.ringedge.push.fcm;
