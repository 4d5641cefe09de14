package dev.o2o.core.customer;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.core.identity.MergeEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One merge of two customer keys as the stores see it: everything held under {@code absorbed}
 * follows {@code survivor}. The merge id makes applying it idempotent: every store records what
 * it moved under this id, and the same id again moves nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mergeId  the id of the merge: at most {@value #MAX_ID} characters, as {@link Ids#requireId}
 *                 accepts ids; stores build their own references from it
 * @param absorbed the key that no longer resolves
 * @param survivor the key everything moves to, different from {@code absorbed}
 */
public record CustomerMerge(String mergeId, CustomerKey absorbed, CustomerKey survivor) {

    /** The longest merge id, so that store references built from it stay within {@link Ids#MAX_LENGTH}. */
    public static final int MAX_ID = 100;

    public CustomerMerge {
        Ids.requireId(mergeId, "mergeId");
        if (mergeId.length() > MAX_ID) {
            throw new IllegalArgumentException("mergeId must have at most " + MAX_ID + " characters, has "
                    + mergeId.length());
        }
        Objects.requireNonNull(absorbed, "absorbed");
        Objects.requireNonNull(survivor, "survivor");
        if (absorbed.equals(survivor)) {
            throw new IllegalArgumentException("absorbed and survivor must differ: " + survivor);
        }
    }

    /**
     * The merge of an identity graph's merge event. Its id is {@code "m<sequence>-<16 hex>"}, the hex
     * being the start of SHA-256 over the two keys and the link's instant in milliseconds: the
     * sequence alone repeats when a host rebuilds a graph from scratch, and the same two keys merge
     * again after an unlink; both would otherwise replay an earlier merge instead of applying a new one.
     */
    public static CustomerMerge of(MergeEvent event) {
        Objects.requireNonNull(event, "event");
        String material = event.absorbed().value() + '\0' + event.survivor().value() + '\0'
                + event.link().at().toEpochMilli();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(digest, 0, 8);
            return new CustomerMerge("m" + event.sequence() + "-" + hex, event.absorbed(), event.survivor());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
