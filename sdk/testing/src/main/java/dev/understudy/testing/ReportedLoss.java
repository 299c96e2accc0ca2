package dev.understudy.testing;

/**
 * One {@link dev.understudy.api.ActionEmitter#reportLoss} call an adapter made.
 *
 * @param count how many actions the adapter said it lost
 * @param detail the cause it gave
 */
public record ReportedLoss(long count, String detail) {}
