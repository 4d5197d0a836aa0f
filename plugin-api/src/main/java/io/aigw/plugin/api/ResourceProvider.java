package io.aigw.plugin.api;

import java.util.List;

/**
 * A plugin that adds resource types to the App model (seed 003): its instances are selectable in
 * Apps, carry privacy scores and are assigned to groups. Called by the control plane, blocking,
 * each call on its own virtual thread.
 */
public interface ResourceProvider extends Plugin {

    /** The resource types this plugin provides. Asked after initialization and on reload. */
    List<ResourceTypeRegistration> getResourceTypeRegistrations() throws Exception;

    /** Every instance of type {@code slug}, for the App and Group forms. */
    List<ResourceInstance> listResourceInstances(RequestContext context, String slug) throws Exception;

    /** One instance, or null when there is none with that id. */
    ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId) throws Exception;

    /**
     * Checks an App's selection on create/update, e.g. "at most 5 servers per app".
     *
     * @throws ResourceSelectionRejectedException when the selection is not allowed (shown to the user)
     */
    void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds, long appId)
            throws Exception;

    /** Creates an instance from an approved community submission's plugin-defined JSON payload. */
    ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) throws Exception;
}
