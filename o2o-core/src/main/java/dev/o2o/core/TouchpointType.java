package dev.o2o.core;

/** What kind of interaction a {@link Touchpoint} records. Immutable and thread-safe. */
public enum TouchpointType {
    IMPRESSION,
    CLICK,
    /** A visit to a page, an app screen or a mini-program. */
    VISIT,
    SEARCH,
    ADD_TO_CART,
    SHARE,
    LOGIN,
    /** The customer checked in at a store (geo or Wi-Fi). */
    STORE_CHECK_IN,
    /** A QR code scanned, typically printed in a store. */
    QR_SCAN,
    COUPON_RECEIVED,
    COUPON_REDEEMED,
    OTHER
}
