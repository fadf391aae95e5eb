/**
 * Operating the extension: health, metrics and info. These classes read state that the connection and the
 * dispatcher hold; they own none of it, do no I/O, and a failure in them never costs a reply.
 */
package ai.hyperware.ext.ops;
