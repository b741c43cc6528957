package io.ringedge.push.fcm;

import com.google.api.client.http.javanet.ConnectionFactory;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * Sends every request of the Firebase SDK to {@code push.fcm.endpoint} instead of the host the SDK
 * chose ({@code https://fcm.googleapis.com} is a constant inside the SDK, with no override), keeping
 * path and query. Used for a local FCM stand-in: with it, no request of the SDK leaves for Google.
 */
final class EndpointRedirect implements ConnectionFactory {

    private final URI endpoint;

    EndpointRedirect(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public HttpURLConnection openConnection(URL url) throws IOException {
        try {
            URI original = url.toURI();
            String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
            URI redirected = new URI(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + basePath
                    + original.getRawPath() + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
            return (HttpURLConnection) redirected.toURL().openConnection();
        } catch (URISyntaxException e) {
            throw new IOException("cannot redirect " + url + " to " + endpoint, e);
        }
    }
}
