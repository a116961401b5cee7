package org.treatyregistry.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.treatyregistry.localrun.processes.Topology;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks docker-compose.yml and the shared Dockerfile against the services' own configuration files, so a new
 * required setting or a changed port breaks the build here rather than the first {@code docker compose up}.
 * No Docker engine is needed: the file is read as YAML (anchors and merge keys resolved as compose does).
 */
class ComposeFileTest {

    private static final String GATEWAY = "gateway";
    private static final Set<String> INFRASTRUCTURE = Set.of("mongo", "kafka");
    /** Gateway variable listing each backend's instances (base URIs, comma-separated), and the module they run. */
    private static final Map<String, String> BACKEND_URI_VARIABLES = Map.of(
            "REGISTRY_URIS", "registry-service",
            "REPORTING_URIS", "reporting-service",
            "INDICATORS_URIS", "indicators-service");
    /** Instances of each backend service, named {@code <module>-1} ... (decision 0017). */
    private static final int INSTANCES = 2;

    /** Upper-case only: {@code ${spring.application.name}}-style references are properties, not environment. */
    private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    private static final Pattern SERVER_PORT_DEFAULT = Pattern.compile("port:\\s*\\$\\{SERVER_PORT:(\\d+)}");
    private static final Pattern SECRET_NAME = Pattern.compile("SECRET|PASSWORD|TOKEN|API_KEY");
    private static final Pattern FULL_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern TAG_SYNTAX = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern FROM_LINE =
            Pattern.compile("^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern MAX_HEAP = Pattern.compile("-Xmx(\\S+)");
    /** The Dockerfile's ENTRYPOINT sizes the heap with -XX:MaxRAMPercentage=75 unless -Xmx is given. */
    private static final double DEFAULT_HEAP_SHARE = 0.75;
    /** Metaspace, code cache, thread stacks and direct buffers need the rest, or the kernel kills the JVM. */
    private static final double MAX_HEAP_SHARE = 0.6;

    private static Path root;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void readComposeFile() throws IOException {
        root = findRepositoryRoot();
        Map<String, Object> compose = loadYaml(root.resolve("docker-compose.yml"));
        services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, definition) -> services.put(name, map(definition)));
        assertThat(services).as("services in docker-compose.yml").containsKeys(GATEWAY, "mongo", "kafka");
    }

    @Test
    void everyImageIsPinnedToAFullVersionTag() {
        SoftAssertions.assertSoftly(softly -> services.forEach((name, service) -> {
            Object image = service.get("image");
            softly.assertThat(image)
                    .as("service %s has an image: name (built services too, so the tag is pinned)", name)
                    .isNotNull();
            if (image != null) {
                assertPinned(softly, image.toString(), "service " + name);
            }
        }));
    }

    @Test
    void dockerfileBaseImagesArePinnedToAFullVersionTag() throws IOException {
        Set<String> stages = new LinkedHashSet<>();
        List<String> baseImages = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("Dockerfile"))) {
            Matcher from = FROM_LINE.matcher(line);
            if (from.find()) {
                // FROM <earlier stage> reuses a stage of this file, not an image from a registry.
                if (!stages.contains(from.group(1)) && !from.group(1).equals("scratch")) {
                    baseImages.add(from.group(1));
                }
                if (from.group(2) != null) {
                    stages.add(from.group(2));
                }
            }
        }
        assertThat(baseImages).as("FROM lines in Dockerfile").isNotEmpty();
        SoftAssertions.assertSoftly(softly ->
                baseImages.forEach(image -> assertPinned(softly, image, "Dockerfile FROM " + image)));
    }

    @Test
    void everyServiceHasAHealthcheck() {
        SoftAssertions.assertSoftly(softly -> services.forEach((name, service) -> {
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            softly.assertThat(healthcheckCommand(service)).as("healthcheck test of service %s", name).isNotBlank();
            softly.assertThat(healthcheck.get("disable")).as("healthcheck of service %s is disabled", name)
                    .isNotEqualTo(Boolean.TRUE);
        }));
    }

    @Test
    void javaServiceHealthchecksProbeReadinessOnTheirOwnPort() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, Map<String, Object>> service : javaServices().entrySet()) {
            String expected = "localhost:" + serverPort(service.getKey()) + "/actuator/health/readiness";
            softly.assertThat(healthcheckCommand(service.getValue()))
                    .as("healthcheck of service %s must probe its own readiness endpoint", service.getKey())
                    .contains(expected);
        }
        softly.assertAll();
    }

    @Test
    void dependenciesWaitUntilTheyAreHealthy() {
        SoftAssertions.assertSoftly(softly -> services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            // The list form only waits for the container to start, not for the dependency to be ready.
            softly.assertThat(dependsOn).as("depends_on of service %s must use the long form with conditions", name)
                    .isInstanceOf(Map.class);
            if (dependsOn instanceof Map<?, ?> dependencies) {
                dependencies.forEach((dependency, settings) -> softly.assertThat(map(settings).get("condition"))
                        .as("condition of service %s on %s", name, dependency)
                        .isEqualTo("service_healthy"));
            }
        }));
    }

    @Test
    void backendServicesDependOnMongoAndKafka() {
        SoftAssertions.assertSoftly(softly -> backendServices().forEach((name, service) ->
                softly.assertThat(dependencies(service))
                        .as("depends_on of service %s", name)
                        .containsAll(INFRASTRUCTURE)));
    }

    @Test
    void gatewayDependsOnEveryInstanceOfTheThreeBackendServices() {
        assertThat(instancesByModule()).as("modules run by backend services (built, other than the gateway)")
                .containsOnlyKeys(BACKEND_URI_VARIABLES.values());
        assertThat(backendServices()).as("backend service instances").hasSize(3 * INSTANCES);
        assertThat(dependencies(services.get(GATEWAY)))
                .as("depends_on of service %s", GATEWAY)
                .containsAll(backendServices().keySet());
    }

    @Test
    void eachBackendServiceRunsTwoInstancesConfiguredAlikeButForTheirName() {
        SoftAssertions softly = new SoftAssertions();
        instancesByModule().forEach((module, instances) -> {
            List<String> expectedNames = new ArrayList<>();
            for (int i = 1; i <= INSTANCES; i++) {
                expectedNames.add(module + "-" + i);
            }
            softly.assertThat(instances).as("services running module %s", module)
                    .containsExactlyElementsOf(expectedNames);
            for (String instance : instances) {
                // container_name, hostname or a published port would make two instances differ, or clash.
                softly.assertThat(services.get(instance)).as("definition of %s against %s", instance, instances.get(0))
                        .isEqualTo(services.get(instances.get(0)));
            }
        });
        softly.assertAll();
    }

    @Test
    void backendInstancesShareOneAnchorRatherThanACopy() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("docker-compose.yml"));
        SoftAssertions softly = new SoftAssertions();
        instancesByModule().forEach((module, instances) -> {
            for (String instance : instances) {
                String line = "  " + instance + ": *" + module;
                softly.assertThat(lines.contains(line))
                        .as("docker-compose.yml has the line '%s' (the instance is the shared anchor, not a copy)",
                                line)
                        .isTrue();
            }
        });
        softly.assertAll();
    }

    @Test
    void everyServiceHasAMemoryLimit() {
        SoftAssertions.assertSoftly(softly -> services.forEach((name, service) ->
                softly.assertThat(memoryLimit(service))
                        .as("deploy.resources.limits.memory of service %s", name)
                        .isPresent()));
    }

    @Test
    void javaHeapLeavesRoomUnderTheMemoryLimit() {
        SoftAssertions.assertSoftly(softly -> javaServices().forEach((name, service) -> {
            Optional<Long> limit = memoryLimit(service);
            if (limit.isEmpty()) {
                return; // reported by everyServiceHasAMemoryLimit
            }
            Matcher xmx = MAX_HEAP.matcher(String.valueOf(environment(service).get("JAVA_TOOL_OPTIONS")));
            long heap = xmx.find() ? bytes(xmx.group(1)) : (long) (limit.get() * DEFAULT_HEAP_SHARE);
            softly.assertThat(heap)
                    .as("max heap of service %s (%d MiB) against its memory limit (%d MiB)",
                            name, heap >> 20, limit.get() >> 20)
                    .isLessThanOrEqualTo((long) (limit.get() * MAX_HEAP_SHARE));
        }));
    }

    @Test
    void onlyTheGatewayPublishesPorts() {
        SoftAssertions.assertSoftly(softly -> services.forEach((name, service) -> {
            if (!name.equals(GATEWAY)) {
                softly.assertThat(service.get("ports")).as("ports of service %s (reach it through the gateway)", name)
                        .isNull();
            }
        }));
    }

    @Test
    void gatewayPublishesItsServerPort() throws IOException {
        List<Integer> containerPorts = list(services.get(GATEWAY).get("ports")).stream()
                .map(ComposeFileTest::containerPort)
                .toList();
        assertThat(containerPorts).as("container ports published by service %s", GATEWAY)
                .containsExactly(serverPort(GATEWAY));
    }

    @Test
    void composeSetsEveryRequiredSettingOfEachJavaService() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, Map<String, Object>> service : javaServices().entrySet()) {
            Path config = configFile(module(service.getValue()));
            softly.assertThat(config).as("configuration file of service %s", service.getKey()).isRegularFile();
            if (Files.isRegularFile(config)) {
                softly.assertThat(environment(service.getValue()).keySet())
                        .as("environment of service %s against the placeholders without default in %s",
                                service.getKey(), root.relativize(config))
                        .containsAll(requiredSettings(config));
            }
        }
        softly.assertAll();
    }

    @Test
    void secretsComeFromTheHostEnvironmentAndAreMandatory() {
        SoftAssertions.assertSoftly(softly -> services.forEach((name, service) ->
                environment(service).forEach((variable, value) -> {
                    if (SECRET_NAME.matcher(variable).find()) {
                        // ${NAME:?message} makes compose refuse to start instead of running with an empty secret.
                        softly.assertThat(String.valueOf(value))
                                .as("%s of service %s", variable, name)
                                .matches(Pattern.quote("${" + variable + ":?") + "[^}]+}");
                    }
                })));
    }

    @Test
    void gatewayRoutesListExactlyTheInstancesOfEachBackendServiceAndTheirPorts() throws IOException {
        Map<String, Object> gatewayEnvironment = environment(services.get(GATEWAY));
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, String> variable : BACKEND_URI_VARIABLES.entrySet()) {
            List<String> expected = new ArrayList<>();
            for (String instance : instancesByModule().getOrDefault(variable.getValue(), List.of())) {
                expected.add("http://" + instance + ":" + serverPort(instance));
            }
            softly.assertThat(expected).as("instances of module %s", variable.getValue()).isNotEmpty();
            Object listed = gatewayEnvironment.get(variable.getKey());
            softly.assertThat(listed).as("%s of service %s", variable.getKey(), GATEWAY).isNotNull();
            if (listed != null) {
                softly.assertThat(List.of(listed.toString().split(",", -1)))
                        .as("%s of service %s", variable.getKey(), GATEWAY)
                        .containsExactlyElementsOf(expected);
            }
        }
        softly.assertAll();
    }

    @Test
    void buildArgsNameExistingModules() {
        SoftAssertions.assertSoftly(softly -> javaServices().forEach((name, service) -> {
            Map<String, Object> build = map(service.get("build"));
            Path context = root.resolve(String.valueOf(build.getOrDefault("context", "."))).normalize();
            softly.assertThat(context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))))
                    .as("Dockerfile of service %s", name).isRegularFile();
            String module = module(service);
            softly.assertThat(module).as("build arg MODULE of service %s", name).isNotBlank();
            if (module != null && !module.isBlank()) {
                softly.assertThat(context.resolve(module).resolve("pom.xml"))
                        .as("pom.xml of module %s built by service %s", module, name).isRegularFile();
            }
        }));
    }

    @Test
    void composeCliAcceptsTheFile(@TempDir Path temp) throws Exception {
        List<String> compose = composeCli();
        Map<String, String> secrets = Map.of(
                "TREATY_GATEWAY_SECRET", "test-only-secret-of-at-least-32-characters",
                "TREATY_API_KEYS", "test:auditor:test-only-auditor-key");
        ProcessResult result = runCompose(compose, temp, secrets);
        assertThat(result.exitCode()).as("%s config -q with secrets set; output:%n%s", compose, result.output())
                .isZero();
    }

    @Test
    void composeCliRefusesToRunWithoutSecrets(@TempDir Path temp) throws Exception {
        List<String> compose = composeCli();
        ProcessResult result = runCompose(compose, temp, Map.of());
        assertThat(result.exitCode()).as("%s config -q without secrets; output:%n%s", compose, result.output())
                .isNotZero();
        assertThat(result.output()).contains("TREATY_GATEWAY_SECRET");
    }

    /**
     * {@code ./run --processes} configures each process as compose configures its container: the same variables
     * (the processes share a host, so they also get their port and 127.0.0.1 to listen on), the same heap, each
     * service its own database, and the gateway every instance of each service.
     */
    /**
     * A standalone mongod acknowledges a write before its journal is flushed, and has no transactions: MongoDB runs
     * as a replica set (initiated by its healthcheck), and every service asks for journaled majority writes.
     */
    @Test
    void mongoRunsAsAReplicaSetAndEveryServiceWritesWithJournaledMajority() {
        Map<String, Object> mongo = services.get("mongo");
        List<String> command = list(mongo.get("command")).stream().map(Object::toString).toList();
        assertThat(command).as("mongod's command").contains("--replSet");
        String replicaSet = command.get(command.indexOf("--replSet") + 1);
        assertThat(healthcheckCommand(mongo)).as("mongo's healthcheck initiates the replica set and waits for a "
                + "writable primary").contains("rs.initiate({_id: '" + replicaSet + "'").contains("isWritablePrimary");
        SoftAssertions.assertSoftly(softly -> backendServices().forEach((name, service) -> {
            String uri = String.valueOf(environment(service).get("MONGODB_URI"));
            softly.assertThat(uri).as("MONGODB_URI of %s", name).contains("replicaSet=" + replicaSet)
                    .contains("w=majority").contains("journal=true");
        }));
    }

    @Test
    void theProcessRunGivesEachProcessTheEnvironmentComposeGivesItsContainer() {
        Topology topology = Topology.of(root.resolve("target/compose-file-test"), 0, INSTANCES,
                "test:integration:test-integration-key", "a-secret-of-at-least-thirty-two-bytes");
        Set<String> ownToAHost = Set.of("SERVER_PORT", "SERVER_ADDRESS");
        SoftAssertions.assertSoftly(softly -> {
            for (Topology.Spec process : topology.processes()) {
                if (process.module().equals("local-run")) {
                    continue;
                }
                String container = process.module().equals(GATEWAY) ? GATEWAY
                        : process.module() + "-" + process.name().substring(process.name().lastIndexOf('-') + 1);
                Map<String, Object> composed = environment(services.get(container));
                Set<String> given = new TreeSet<>(process.environment().keySet());
                given.removeAll(ownToAHost);
                softly.assertThat(given).as("variables of %s, as compose's %s", process.name(), container)
                        .isEqualTo(new TreeSet<>(composed.keySet()));
                softly.assertThat(process.environment().get("JAVA_TOOL_OPTIONS")).as("heap of %s", process.name())
                        .isEqualTo(composed.get("JAVA_TOOL_OPTIONS"));
                softly.assertThat(process.environment().get("SERVER_ADDRESS")).as("%s on loopback only", process.name())
                        .isEqualTo(Topology.LOOPBACK);
                if (composed.containsKey("MONGODB_URI")) {
                    String database = composed.get("MONGODB_URI").toString().replaceAll("\\?.*", "")
                            .replaceAll(".*/", "");
                    softly.assertThat(process.environment().get("MONGODB_URI")).endsWith("/" + database);
                }
            }
            Map<String, String> gateway = topology.process(GATEWAY).environment();
            BACKEND_URI_VARIABLES.forEach((variable, module) -> softly.assertThat(gateway.get(variable).split(","))
                    .as("%s lists every instance", variable).hasSize(INSTANCES));
        });
    }

    // --- compose file -----------------------------------------------------------------------------------------

    /** Services built from this repository (they have a MODULE build arg): the Spring Boot services. */
    private static Map<String, Map<String, Object>> javaServices() {
        Map<String, Map<String, Object>> built = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                built.put(name, service);
            }
        });
        assertThat(built).as("services built from the Dockerfile").containsKey(GATEWAY);
        return built;
    }

    private static Map<String, Map<String, Object>> backendServices() {
        Map<String, Map<String, Object>> backends = new LinkedHashMap<>(javaServices());
        backends.remove(GATEWAY);
        return backends;
    }

    private static String module(Map<String, Object> service) {
        Object value = keyValues(map(service.get("build")).get("args")).get("MODULE");
        return value == null ? null : value.toString();
    }

    /** Backend service names by the module they build, in file order. */
    private static Map<String, List<String>> instancesByModule() {
        Map<String, List<String>> instances = new LinkedHashMap<>();
        backendServices().forEach((name, service) ->
                instances.computeIfAbsent(module(service), module -> new ArrayList<>()).add(name));
        return instances;
    }

    private static Map<String, Object> environment(Map<String, Object> service) {
        return keyValues(service.get("environment"));
    }

    /** Compose accepts both {@code KEY: value} maps and {@code - KEY=value} lists. */
    private static Map<String, Object> keyValues(Object section) {
        if (section instanceof List<?> entries) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Object entry : entries) {
                String[] parts = entry.toString().split("=", 2);
                values.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
            return values;
        }
        return map(section);
    }

    /** Names in depends_on, whichever form it has (the form itself is checked separately). */
    private static List<String> dependencies(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        return dependsOn instanceof Map<?, ?> longForm
                ? longForm.keySet().stream().map(String::valueOf).toList()
                : list(dependsOn).stream().map(String::valueOf).toList();
    }

    private static String healthcheckCommand(Map<String, Object> service) {
        Object test = map(service.get("healthcheck")).get("test");
        if (test instanceof List<?> parts) {
            return parts.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return test == null ? "" : test.toString();
    }

    private static Optional<Long> memoryLimit(Map<String, Object> service) {
        Object memory = map(map(map(service.get("deploy")).get("resources")).get("limits")).get("memory");
        return Optional.ofNullable(memory).map(value -> bytes(value.toString()));
    }

    /** The container side of a short ({@code [ip:]host:container[/proto]}) or long ({@code target:}) port entry. */
    private static int containerPort(Object entry) {
        if (entry instanceof Map<?, ?> longForm) {
            return Integer.parseInt(String.valueOf(longForm.get("target")));
        }
        String shortForm = entry.toString().split("/", 2)[0];
        return Integer.parseInt(shortForm.substring(shortForm.lastIndexOf(':') + 1));
    }

    private static void assertPinned(SoftAssertions softly, String image, String where) {
        String name = image.split("@", 2)[0];
        int colon = name.lastIndexOf(':');
        String tag = colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "";
        softly.assertThat(tag).as("tag of %s (%s)", where, image)
                .isNotEqualTo("latest")
                .matches(TAG_SYNTAX) // also rejects ${VARIABLE} tags, which any environment can float
                .containsPattern(FULL_VERSION);
    }

    // --- service configuration --------------------------------------------------------------------------------

    private static Path configFile(String module) {
        return root.resolve(module).resolve("src/main/resources").resolve(module + ".yml");
    }

    /** Environment variables a service cannot start without: {@code ${NAME}} placeholders with no default. */
    private static Set<String> requiredSettings(Path config) throws IOException {
        Set<String> required = new TreeSet<>();
        for (String line : Files.readAllLines(config)) {
            if (!line.strip().startsWith("#")) {
                Matcher placeholder = REQUIRED_PLACEHOLDER.matcher(line);
                while (placeholder.find()) {
                    required.add(placeholder.group(1));
                }
            }
        }
        return required;
    }

    /** The port a Java service listens on: SERVER_PORT if compose sets it, else the default in its config file. */
    private static int serverPort(String serviceName) throws IOException {
        Object override = environment(services.get(serviceName)).get("SERVER_PORT");
        if (override != null) {
            return Integer.parseInt(override.toString());
        }
        Path config = configFile(module(services.get(serviceName)));
        assertThat(config).as("configuration file of service %s", serviceName).isRegularFile();
        Matcher port = SERVER_PORT_DEFAULT.matcher(Files.readString(config));
        assertThat(port.find()).as("server.port: ${SERVER_PORT:<default>} in %s", config).isTrue();
        return Integer.parseInt(port.group(1));
    }

    // --- compose CLI ------------------------------------------------------------------------------------------

    private record ProcessResult(int exitCode, String output) {
    }

    /** {@code docker compose} (v2 plugin) or {@code docker-compose}; skips the calling test when neither runs. */
    private static List<String> composeCli() throws InterruptedException {
        List<List<String>> candidates = List.of(List.of("docker", "compose"), List.of("docker-compose"));
        for (List<String> candidate : candidates) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            if (run(version, Map.of()).exitCode() == 0) {
                return candidate;
            }
        }
        Assumptions.assumeTrue(false,
                "skipped: no docker compose CLI on this machine: neither `docker compose version` "
                        + "nor `docker-compose version` exits 0");
        throw new IllegalStateException("unreachable");
    }

    /** {@code config -q} with exactly the given secrets: an empty env file keeps a developer's .env out of it. */
    private static ProcessResult runCompose(List<String> compose, Path temp, Map<String, String> secrets)
            throws IOException, InterruptedException {
        Path emptyEnvFile = Files.createFile(temp.resolve("empty.env"));
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("--env-file", emptyEnvFile.toString(),
                "-f", root.resolve("docker-compose.yml").toString(), "config", "-q"));
        return run(command, secrets);
    }

    private static ProcessResult run(List<String> command, Map<String, String> secrets) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TREATY_"));
        builder.environment().putAll(secrets);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Output is small (config -q prints only errors); read it before waiting so the pipe cannot fill.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new ProcessResult(-1, output + "\n(timed out)");
            }
            return new ProcessResult(process.exitValue(), output);
        } catch (IOException notInstalled) {
            return new ProcessResult(-1, notInstalled.getMessage());
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Tests run in local-run/ under Maven, elsewhere in an IDE: walk up to the directory holding both files. */
    private static Path findRepositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with docker-compose.yml and mvnw at or above " + start);
    }

    private static Map<String, Object> loadYaml(Path file) throws IOException {
        // SafeConstructor: plain maps, lists and scalars only; merge keys (<<: *anchor) are resolved.
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        return map(document);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** Compose and JVM sizes: 512M, 1G, 1.5g, 256m, 1024k, plain bytes. */
    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?")
                .matcher(size.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a memory size: " + size);
        }
        int shift = switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return (long) (Double.parseDouble(matcher.group(1)) * (1L << shift));
    }
}
