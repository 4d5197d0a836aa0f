package io.aigw.plugin.api;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicContextsTest {

    @Test
    void aPluginsLinesGoToItsOwnLogger() {
        BasicPluginContext context = BasicPluginContext.named("my-mcp");
        assertEquals("my-mcp", context.pluginName());
        assertEquals("plugin.my-mcp", context.logger().getName());
        assertEquals("plugin.my-mcp", BasicPluginContext.loggerFor("my-mcp").getName());
    }

    @Test
    void aContextCarriesTheStoreItWasGivenOrOneThatSaysThereIsNone() {
        PluginStore store = PluginStore.unavailable("kept elsewhere");
        assertSame(store, BasicPluginContext.named("my-mcp", store).store());
        StoreUnavailableException none = assertThrows(StoreUnavailableException.class,
                () -> BasicPluginContext.named("my-mcp").store().get("k"));
        assertEquals(PluginStore.NO_STORAGE_REASON, none.getMessage());
    }

    @Test
    void cancellationIsAskedEachTime() {
        AtomicBoolean gone = new AtomicBoolean();
        RequestContext context = new BasicRequestContext("r-1", System.getLogger("t"), gone::get);
        assertEquals("r-1", context.requestId());
        assertFalse(context.isCancelled());
        gone.set(true);
        assertTrue(context.isCancelled(), "the client went away after the context was made");
        assertFalse(BasicRequestContext.of("r-2", System.getLogger("t")).isCancelled());
    }

    @Test
    void everyPartIsRequired() {
        assertThrows(NullPointerException.class, () -> new BasicPluginContext(null, System.getLogger("t")));
        assertThrows(NullPointerException.class, () -> new BasicPluginContext("p", System.getLogger("t"), null));
        assertThrows(NullPointerException.class, () -> new BasicRequestContext("r", null, () -> false));
    }
}
