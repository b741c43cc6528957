package io.ringedge.deploy;

import io.ringedge.runtime.observe.HealthProbe;
import io.ringedge.runtime.observe.ObserveConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfiles in infra/images, checked without a Docker engine: each runs a module's
 * runnable jar as a non-root user, probes readiness on the observe port the service really
 * uses, copies what `mvn package` produces, and starts a main class that exists.
 */
class ImagesTest {

    /** Image directory → the module whose jar it runs, and that service's observe port. */
    record Image(String module, String jar, int observePort) {
    }

    static final Map<String, Image> IMAGES = Map.of(
            "edge-sbc", new Image("edge-sbc", "edge-sbc", ObserveConfig.EDGE_PORT),
            "device-locator", new Image("device-locator", "device-locator", ObserveConfig.DEVICE_LOCATOR_PORT),
            "push-service", new Image("push-service", "push-service", ObserveConfig.PUSH_SERVICE_PORT),
            "media-workers", new Image("media-workers", "media-workers", ObserveConfig.MEDIA_WORKER_PORT),
            "standalone", new Image("launcher", "ringedge-launcher", ObserveConfig.STANDALONE_PORT));

    private static final Path ROOT = ConfigReference.repositoryRoot();

    @Test
    void thereIsOneImagePerService() throws Exception {
        try (var dirs = Files.list(ROOT.resolve("infra/images"))) {
            assertEquals(IMAGES.keySet(), dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile")))
                    .map(d -> d.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void everyImageRunsAsANonRootUserBeforeItsEntrypoint() {
        IMAGES.keySet().forEach(name -> {
            Dockerfile d = dockerfile(name);
            List<String> users = d.all("USER");
            assertEquals(1, users.size(), name + ": one USER");
            String user = users.get(0).split(":")[0];
            assertFalse(user.equals("root") || user.equals("0"), name + ": USER " + users.get(0));
            assertTrue(d.indexOf("USER") < d.indexOf("ENTRYPOINT"), name + ": USER after ENTRYPOINT");
        });
    }

    @Test
    void everyHealthCheckProbesReadinessOnTheServicesObservePort() {
        IMAGES.forEach((name, image) -> {
            Dockerfile d = dockerfile(name);
            List<String> checks = d.all("HEALTHCHECK");
            assertEquals(1, checks.size(), name);
            Matcher cmd = Pattern.compile("CMD (\\[.*])").matcher(checks.get(0));
            assertTrue(cmd.find(), name + ": HEALTHCHECK ... CMD [exec form]");
            List<String> words = Dockerfile.execForm(cmd.group(1));
            assertEquals("java", words.get(0), name);
            assertEquals("/app/libs/*", words.get(words.indexOf("-cp") + 1), name);
            assertEquals(HealthProbe.class.getName(), words.get(words.size() - 2), name);
            assertEquals(Integer.toString(image.observePort()), words.get(words.size() - 1), name);
            assertTrue(d.all("EXPOSE").stream().flatMap(e -> Arrays.stream(e.split("\\s+")))
                    .anyMatch(p -> p.equals(image.observePort() + "/tcp")), name + ": EXPOSE " + image.observePort());
        });
    }

    @Test
    void theObserveServerListensBeyondTheContainer() {
        IMAGES.keySet().forEach(name -> assertTrue(dockerfile(name).all("ENV").stream()
                .anyMatch(e -> e.contains(ConfigReference.environmentName(ObserveConfig.BIND_ADDRESS) + "=0.0.0.0")),
                name + ": Prometheus in another container must reach the observe server"));
    }

    @Test
    void everyEnvironmentVariableAnImageSetsIsAConfigKey() {
        Pattern assignment = Pattern.compile("([A-Z0-9_]+)=\\S+");
        IMAGES.keySet().forEach(name -> dockerfile(name).all("ENV").forEach(env -> {
            Matcher m = assignment.matcher(env);
            while (m.find()) {
                assertNotEquals(null, ConfigReference.keyOfEnvironmentVariable(m.group(1)),
                        name + ": " + m.group(1) + " names no key in docs/configuration.md");
            }
        }));
    }

    @Test
    void everyImageCopiesTheJarAndLibsItsModuleBuilds() {
        IMAGES.forEach((name, image) -> {
            Dockerfile d = dockerfile(name);
            List<String> copies = d.all("COPY");
            assertEquals(List.of(image.module() + "/target/libs/ /app/libs/",
                    image.module() + "/target/" + image.jar() + ".jar /app/" + image.jar() + ".jar"), copies, name);
            List<String> entrypoint = Dockerfile.execForm(d.all("ENTRYPOINT").get(0));
            assertEquals("java", entrypoint.get(0));
            assertEquals(List.of("-jar", "/app/" + image.jar() + ".jar"), entrypoint.subList(entrypoint.size() - 2,
                    entrypoint.size()), name + ": arguments after the image name (--config FILE) reach the service");
            assertTrue(d.all("CMD").isEmpty(), name + ": a CMD would be passed to the service as arguments");
        });
    }

    @Test
    void everyImagesModuleBuildsThatJarWithAMainClassThatExists() {
        IMAGES.forEach((name, image) -> {
            String pom = ConfigReference.read(ROOT.resolve(image.module()).resolve("pom.xml"));
            assertTrue(pom.contains("<finalName>" + image.jar() + "</finalName>"), image.module() + ": finalName");
            assertTrue(pom.contains("<artifactId>maven-dependency-plugin</artifactId>"),
                    image.module() + ": declares maven-dependency-plugin, which copies target/libs");
            Matcher main = Pattern.compile("<runnable.main-class>([\\w.]+)</runnable.main-class>").matcher(pom);
            assertTrue(main.find(), image.module() + ": runnable.main-class");
            assertTrue(Files.isRegularFile(source(image.module(), main.group(1))), main.group(1));
        });
    }

    private static Path source(String module, String className) {
        return ROOT.resolve(module).resolve("src/main/java").resolve(className.replace('.', '/') + ".java");
    }

    private static Dockerfile dockerfile(String name) {
        return Dockerfile.read(ROOT.resolve("infra/images").resolve(name).resolve("Dockerfile"));
    }
}
