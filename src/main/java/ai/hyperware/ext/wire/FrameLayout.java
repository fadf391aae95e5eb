package ai.hyperware.ext.wire;

/**
 * How the {@code WebSocketExtPushData} struct is laid out: as a map of field names (what the node writes, via
 * {@code rmp_serde::to_vec_named}) or as a positional array {@code [id, type, blob]} (what {@code rmp_serde::to_vec}
 * writes). The node's parser reads both.
 */
public enum FrameLayout {
    NAMED,
    POSITIONAL
}
