/**
 * Privacy enforced by the runtime, before anything is stored or streamed: the stages every action
 * passes on the pipeline thread, ahead of plugin processors.
 */
package dev.understudy.core.privacy;
