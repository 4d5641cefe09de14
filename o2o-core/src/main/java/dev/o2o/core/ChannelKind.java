package dev.o2o.core;

/** Whether a channel reaches the customer online (app, mini-program, web, social) or in a store. Immutable and thread-safe. */
public enum ChannelKind {
    /** App, mini-program, web, social, e-mail, paid media. */
    ONLINE,
    /** A physical store, a counter, a POS, a printed QR code. */
    OFFLINE
}
