package io.aigw.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.aigw.plugin.api.Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Serves the plugin on the classpath ({@code META-INF/services/io.aigw.plugin.api.Plugin}, as for the
 * in-process jar) as an external plugin: checks the magic cookie, listens, prints the handshake
 * line, serves until the gateway's Shutdown call, stdin's end (gateway gone) or a signal.
 */
public final class ExternalPluginMain {

    /** Room for the request's headers and fields on top of the largest body. */
    public static final int MESSAGE_HEADROOM_BYTES = 1 << 20;
    public static final String MAX_MESSAGE_BYTES_KEY = "AIGW_PLUGIN_MAX_MESSAGE_BYTES";
    private static final int DEFAULT_MAX_MESSAGE_BYTES = (1 << 20) + MESSAGE_HEADROOM_BYTES;

    private ExternalPluginMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        if (!Handshake.MAGIC_COOKIE_VALUE.equals(env.get(Handshake.MAGIC_COOKIE_KEY))) {
            err.println("This program is an AI gateway plugin, started by the gateway: register it with "
                    + "command file:///path/to/it. (" + Handshake.MAGIC_COOKIE_KEY + " is not set as expected; "
                    + "see docs/plugin-protocol.md.)");
            return 1;
        }
        String versions = env.getOrDefault(Handshake.PROTOCOL_VERSIONS_KEY, String.valueOf(Handshake.PROTOCOL_VERSION));
        if (Arrays.stream(versions.split(",")).map(String::strip).noneMatch(
                v -> v.equals(String.valueOf(Handshake.PROTOCOL_VERSION)))) {
            err.println("the gateway speaks plugin protocol versions [" + versions + "]; this plugin speaks "
                    + Handshake.PROTOCOL_VERSION);
            return 1;
        }
        configureLogging();
        Plugin plugin = loadPlugin();
        boolean unixAsked = "unix".equals(env.get(Handshake.NETWORK_KEY));
        Handshake.Network network = unixAsked && Sockets.unixSocketsAvailable()
                ? Handshake.Network.UNIX : Handshake.Network.TCP;
        // an address meant for the other network (a socket path when falling back to tcp) is not ours
        String address = unixAsked == (network == Handshake.Network.UNIX) ? env.get(Handshake.ADDRESS_KEY) : null;
        int maxMessageBytes = Integer.parseInt(env.getOrDefault(MAX_MESSAGE_BYTES_KEY,
                String.valueOf(DEFAULT_MAX_MESSAGE_BYTES)));
        PluginServer[] server = new PluginServer[1];
        Runnable stop = () -> Thread.ofPlatform().name("plugin-stop").start(() -> {
            // after the Shutdown reply has gone out
            server[0].stop(2000);
        });
        server[0] = PluginServer.start(plugin, pluginVersion(plugin), network, address,
                maxMessageBytes, stop);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server[0].stop(1000), "plugin-signal"));
        if ("1".equals(env.get(Handshake.EXIT_ON_STDIN_EOF_KEY))) {
            Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
                drain(System.in);
                server[0].stop(0);
            });
        }
        out.println(server[0].handshake().line());
        out.flush();
        server[0].awaitTermination();
        return 0;
    }

    private static Plugin loadPlugin() {
        List<ServiceLoader.Provider<Plugin>> found = ServiceLoader.load(Plugin.class).stream().toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected exactly one plugin declared in META-INF/services/"
                    + Plugin.class.getName() + " on the classpath, found " + found.size() + ": "
                    + found.stream().map(p -> p.type().getName()).toList());
        }
        return found.getFirst().get();
    }

    /** The {@code version} of the plugin's {@code plugin.json} manifest, if it ships one. */
    static String pluginVersion(Plugin plugin) {
        try (InputStream in = plugin.getClass().getResourceAsStream("/plugin.json")) {
            return in == null ? "" : manifestVersion(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The top-level {@code version} string of a manifest; "" when there is none or the JSON is not
     * valid (strict, as the gateway reads it). Gson because the gRPC runtime already brings it:
     * the plugin process loads no extra library for this.
     */
    static String manifestVersion(Reader manifest) {
        try {
            JsonReader reader = new JsonReader(manifest);
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT || !root.isJsonObject()) {
                return "";
            }
            return root.getAsJsonObject().get("version") instanceof JsonPrimitive version && version.isString()
                    ? version.getAsString() : "";
        } catch (IOException | JsonParseException e) {
            return "";
        }
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the gateway never writes; reading only tells when it is gone
            }
        } catch (IOException ignored) {
            // same as end of file
        }
    }

    /** One line per log record, so the gateway can attribute every line to this plugin. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s %3$s: %5$s%6$s%n");
        }
    }
}
