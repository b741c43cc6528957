package io.ringedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real headless Chromium ({@value #EXECUTABLE}), driven through playwright-core by
 * {@code browser.js} in this module: one node process per instance, spoken to over stdin/stdout
 * JSON lines (the protocol is at the top of that script). The pages' console goes to
 * {@code target/browser-logs/}. {@code npm ci} in this module (the build's exec-maven-plugin)
 * installs playwright-core.
 */
final class Chromium implements AutoCloseable {

    static final String EXECUTABLE = "/usr/bin/chromium";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Process node;
    private final Writer requests;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();

    private Chromium(Process node, CompletableFuture<JsonNode> ready) throws IOException {
        this.node = node;
        this.requests = node.outputWriter(StandardCharsets.UTF_8);
        pending.put(0L, ready);
        Thread reader = Thread.ofPlatform().daemon().name("chromium-answers").start(this::readAnswers);
        try {
            String version = ready.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get("value").asText();
            Files.writeString(logFile(), "[driver] Chromium " + version + "\n", StandardOpenOption.APPEND);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            close();
            reader.interrupt();
            throw new IllegalStateException("Chromium did not start (see " + logFile() + "): " + e, e);
        }
    }

    /** Starts Chromium; the test fails with what to do when node or playwright-core is missing. */
    static Chromium start() throws IOException {
        Path here = moduleDir();
        if (!Files.isDirectory(here.resolve("node_modules/playwright-core"))) {
            throw new IllegalStateException("node_modules/playwright-core is missing in " + here
                    + ": run `npm ci` in e2e-tests (the Maven build does, see the parent pom's npm-ci execution)");
        }
        if (!Files.isExecutable(Path.of(EXECUTABLE))) {
            throw new IllegalStateException("no Chromium at " + EXECUTABLE + ": apt-get install chromium");
        }
        Files.createDirectories(logFile().getParent());
        Process node = new ProcessBuilder("node", here.resolve("browser.js").toString(), EXECUTABLE)
                .directory(here.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        return new Chromium(node, new CompletableFuture<>());
    }

    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    static Path logFile() {
        return moduleDir().resolve("target/browser-logs/chromium.log");
    }

    /** A new page (in a context of its own) showing {@code url}. */
    Page open(String url) {
        ObjectNode req = JSON.createObjectNode().put("op", "open").put("url", url);
        return new Page(request(req, REQUEST_TIMEOUT).asText());
    }

    /**
     * Stops (SIGSTOP) every renderer process: pages answer no ICE consent check and send no RTP,
     * while their WebSockets, held by the network process, stay open. {@link #thaw()} resumes them.
     */
    void freezeRenderers() {
        request(JSON.createObjectNode().put("op", "freeze"), REQUEST_TIMEOUT);
    }

    void thaw() {
        request(JSON.createObjectNode().put("op", "thaw"), REQUEST_TIMEOUT);
    }

    private JsonNode request(ObjectNode req, Duration timeout) {
        long id = nextId.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (requests) {
                requests.write(req.put("id", id) + "\n");
                requests.flush();
            }
            JsonNode reply = answer.get(timeout.toMillis() + REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.path("ok").asBoolean()) {
                throw new AssertionError("Chromium: " + req.path("op").asText() + " failed: "
                        + reply.path("error").asText() + " (page log: " + logFile() + ")");
            }
            return reply.get("value");
        } catch (IOException e) {
            throw new UncheckedIOException("Chromium's driver is gone (see " + logFile() + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer from Chromium to " + req + " (see " + logFile() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            pending.remove(id);
        }
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode reply = JSON.readTree(line);
                CompletableFuture<JsonNode> waiting = pending.get(reply.path("id").asLong(-1));
                if (waiting != null) {
                    waiting.complete(reply);
                }
            }
        } catch (IOException e) {
            // the process ended: whoever waits times out with the log's name
        }
        pending.values().forEach(f -> f.completeExceptionally(new IOException("the Chromium driver exited")));
    }

    @Override
    public void close() {
        try {
            requests.close(); // browser.js closes Chromium when stdin ends
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            node.destroyForcibly();
        } catch (InterruptedException e) {
            node.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** One open page. */
    final class Page implements AutoCloseable {
        private final String id;
        private boolean closed;

        private Page(String id) {
            this.id = id;
        }

        /** The value of a JavaScript expression in the page (a promise is awaited), as JSON. */
        JsonNode eval(String script) {
            return request(JSON.createObjectNode().put("op", "evaluate").put("page", id).put("script", script),
                    REQUEST_TIMEOUT);
        }

        /** Waits until the expression is truthy; fails with the expression after {@code timeout}. */
        void waitFor(String script, Duration timeout) {
            request(JSON.createObjectNode().put("op", "waitFor").put("page", id).put("script", script)
                    .put("timeoutMs", timeout.toMillis()), timeout);
        }

        /** Clicks the element as a user would (a user gesture: media may then autoplay). */
        void click(String selector) {
            request(JSON.createObjectNode().put("op", "click").put("page", id).put("selector", selector),
                    REQUEST_TIMEOUT);
        }

        /** Closes the page as a user closing the tab would: its connections go with it. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                request(JSON.createObjectNode().put("op", "close").put("page", id), REQUEST_TIMEOUT);
            }
        }
    }
}
