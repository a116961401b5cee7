package org.treatyregistry.transparency;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./verify}: checks the record offline, with nothing but the JDK.
 * <ul>
 * <li>{@code proof <file> --key <verifier key> [--origin <origin>]}: a fact's {@code .tlog-proof}, against the
 * log's verifier key; prints the fact and the signed tree it is in.</li>
 * <li>{@code monitor --log <url> --key <verifier key>[,<verifier key>] --state <file> [--api-key <key>]
 * [--every <s>] [--once] [--every-entry]}: follows a log's checkpoints, keeping the last one trusted in
 * {@code --state}, checks the entries it serves against them, and stops loudly on a fork, a shrink or a changed
 * entry. Several keys (a key and its successor) follow a rotation without a gap.</li>
 * <li>{@code keygen --name <origin> <file>}: an operator's new signer key, and its verifier key.</li>
 * </ul>
 * Exit status 0 when everything checked holds, 1 when a check failed, 2 when asked wrongly.
 */
public final class Verify {

    private Verify() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command as {@code main} does, writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        String command = args.length == 0 ? "" : args[0];
        String file = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = args[i].equals("--once") || args[i].equals("--every-entry");
                if (!flag && i + 1 >= args.length) {
                    err.println("option " + args[i] + " needs a value");
                    return 2;
                }
                options.put(args[i].substring(2), flag ? "true" : args[++i]);
            } else {
                file = args[i];
            }
        }
        try {
            return switch (command) {
                case "proof" -> proof(file, options, out, err);
                case "monitor" -> monitor(options, out, err);
                case "keygen" -> keygen(options, file, out, err);
                default -> usage(err);
            };
        } catch (IllegalArgumentException e) {
            err.println("cannot read that: " + e.getMessage());
            return 2;
        }
    }

    private static int proof(String file, Map<String, String> options, PrintStream out, PrintStream err) {
        if (file == null || !options.containsKey("key")) {
            return usage(err);
        }
        NoteKeys.Verifier verifier = NoteKeys.verifier(options.get("key"));
        ProofBundle bundle;
        try {
            bundle = ProofBundle.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        try {
            Checkpoint signed = bundle.verify(verifier, options.get("origin"));
            out.println("VERIFIED: entry " + bundle.index() + " is in the tree of " + signed.size()
                    + " entries of log " + signed.origin() + ", signed by " + verifier.name() + ".");
            out.println("root: " + java.util.Base64.getEncoder().encodeToString(signed.root()));
            out.println("entry: " + new String(bundle.entry(), StandardCharsets.UTF_8));
            if (options.containsKey("log")) {
                recheck(bundle, verifier, options, out);
            }
            return 0;
        } catch (VerificationException e) {
            err.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("\"id\":\"([^\"\\\\]+)\"");

    /**
     * The proof against the log as it stands: its latest checkpoint must extend the one in the proof, and the record
     * must still give the same entry for the fact, in the signed tree.
     */
    private static void recheck(ProofBundle saved, NoteKeys.Verifier verifier, Map<String, String> options,
                                PrintStream out) {
        HttpLog log = new HttpLog(options.get("log"), options.get("api-key"));
        Monitor.Look look = new Monitor(List.of(verifier), options.get("origin"), false).look(log,
                saved.checkpoint());
        out.println("The log now: " + look.message());
        java.util.regex.Matcher id = ID.matcher(new String(saved.entry(), StandardCharsets.UTF_8));
        if (!id.find()) {
            out.println("The entry names no event id: the record's own copy cannot be asked for.");
            return;
        }
        String eventId = id.group(1);
        HttpResponse<byte[]> current = log.fetch("proofs/" + eventId);
        if (current.statusCode() != 200) {
            throw new VerificationException("GONE: the record no longer gives event " + eventId + " (HTTP "
                    + current.statusCode() + "): " + new String(current.body(), StandardCharsets.UTF_8));
        }
        ProofBundle now = ProofBundle.parse(new String(current.body(), StandardCharsets.UTF_8));
        if (now.index() != saved.index() || !java.util.Arrays.equals(now.entry(), saved.entry())) {
            throw new VerificationException("CHANGED: the record now gives event " + eventId + " as "
                    + new String(now.entry(), StandardCharsets.UTF_8) + " at index " + now.index()
                    + ", not what was signed");
        }
        now.verify(verifier, options.get("origin"));
        out.println("The record still gives event " + eventId + " as signed, in the latest checkpoint.");
    }

    private static int monitor(Map<String, String> options, PrintStream out, PrintStream err) {
        if (!options.containsKey("log") || !options.containsKey("key") || !options.containsKey("state")) {
            return usage(err);
        }
        // Several keys, separated by commas: during a rotation, the key and its successor.
        List<NoteKeys.Verifier> verifiers = Arrays.stream(options.get("key").split(",")).map(String::strip)
                .map(NoteKeys::verifier).toList();
        Monitor monitor = new Monitor(verifiers, options.get("origin"), options.containsKey("every-entry"));
        Path state = Path.of(options.get("state"));
        HttpLog log = new HttpLog(options.get("log"), options.get("api-key"));
        Duration every = Duration.ofSeconds(Long.parseLong(options.getOrDefault("every", "10")));
        boolean once = options.containsKey("once");
        while (true) {
            try {
                SignedNote held = Files.exists(state) ? SignedNote.parse(Files.readString(state)) : null;
                Monitor.Look look = monitor.look(log, held);
                if (look.advanced()) {
                    Path temporary = state.resolveSibling(state.getFileName() + ".new");
                    Files.writeString(temporary, look.note().encoded(), StandardCharsets.UTF_8);
                    Files.move(temporary, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                out.println(java.time.Instant.now() + " " + look.message());
            } catch (VerificationException e) {
                err.println(java.time.Instant.now() + " ALERT: " + e.getMessage());
                err.println("The checkpoint trusted last is kept in " + state + "; keep it as evidence.");
                return 1;
            } catch (IOException | RuntimeException e) {
                err.println(java.time.Instant.now() + " cannot read the log: " + e.getMessage());
                if (once) {
                    return 1;
                }
            }
            if (once) {
                return 0;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
    }

    /** A new signer key for a log named {@code --name}, written to the file (owner-only), its verifier key printed. */
    private static int keygen(Map<String, String> options, String file, PrintStream out, PrintStream err) {
        if (file == null || !options.containsKey("name")) {
            return usage(err);
        }
        Path path = Path.of(file);
        if (Files.exists(path)) {
            err.println(file + " exists already: a key is never overwritten");
            return 2;
        }
        String signer = NoteKeys.generate(options.get("name"));
        try {
            try {
                // Owner-only from its creation, never readable by others even for a moment.
                Files.createFile(path, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                err.println("note: " + file + " is on a file system without POSIX permissions; protect it yourself");
                Files.createFile(path);
            }
            Files.writeString(path, signer + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot write " + file + ": " + e.getMessage());
            return 2;
        }
        out.println(NoteKeys.signer(signer).verifier().encoded());
        return 0;
    }

    private static int usage(PrintStream err) {
        err.println("""
                usage:
                  verify proof <file.tlog-proof> --key <verifier key> [--origin <origin>]
                               [--log <url of the log> [--api-key <key>]]
                      checks a fact's proof offline: its entry is in a tree the log's key signed;
                      with --log, also that the log still extends that tree and the record still gives the entry
                  verify monitor --log <url of the log> --key <verifier key> --state <file>
                                 [--api-key <key>] [--origin <origin>] [--every <seconds>] [--once] [--every-entry]
                      follows the log's checkpoints and checks its entries against them; stops with an alert
                      on a fork, a shrink or an entry changed (--every-entry: every entry at every look);
                      --key <old>,<new> follows a key rotation: checkpoints signed by either are taken
                  verify keygen --name <log origin> <file>
                      makes a log's signer key in <file> (keep it secret) and prints its verifier key
                the verifier key is <name>+<key id>+<base64 key>, as the operator publishes it""");
        return 2;
    }

    /** A log served over HTTP in the tlog-tiles layout: {@code <log>/checkpoint}, {@code <log>/tile/...}. */
    private static final class HttpLog implements Monitor.Log {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final String prefix;
        private final String apiKey;

        HttpLog(String prefix, String apiKey) {
            this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            this.apiKey = apiKey;
        }

        @Override
        public String checkpoint() {
            return new String(get("checkpoint"), StandardCharsets.UTF_8);
        }

        @Override
        public byte[] tile(int level, long index, long size) {
            return get(new Tiles.Tile(level, index, width(level, index, size)).path());
        }

        @Override
        public byte[] entries(long index, long size) {
            return get(new Tiles.Tile(Tiles.ENTRIES, index, width(0, index, size)).path());
        }

        private static int width(int level, long index, long size) {
            long hashes = size;
            for (int l = 0; l < level; l++) {
                hashes /= Tiles.WIDTH;
            }
            return index < hashes / Tiles.WIDTH ? Tiles.WIDTH : (int) (hashes % Tiles.WIDTH);
        }

        private byte[] get(String path) {
            HttpResponse<byte[]> response = fetch(path);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        }

        HttpResponse<byte[]> fetch(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prefix + "/" + path))
                    .timeout(Duration.ofSeconds(30));
            if (apiKey != null) {
                request.header("X-API-Key", apiKey);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
