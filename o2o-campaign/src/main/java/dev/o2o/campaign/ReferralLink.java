package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invitee's claim of an inviter's code, and its conversion (the invitee's first order).
 *
 * <p>Immutable and thread-safe.
 *
 * @param programId    the programme
 * @param code         the code claimed
 * @param inviter      the code's owner
 * @param invitee      who claimed it
 * @param claimedAt    when
 * @param firstOrderId the invitee's first order, once it landed within the window
 * @param convertedAt  when that order was placed
 */
public record ReferralLink(String programId, String code, CustomerKey inviter, CustomerKey invitee, Instant claimedAt,
                           Optional<String> firstOrderId, Optional<Instant> convertedAt) {

    public ReferralLink {
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(inviter, "inviter");
        Objects.requireNonNull(invitee, "invitee");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(firstOrderId, "firstOrderId");
        Objects.requireNonNull(convertedAt, "convertedAt");
        if (firstOrderId.isPresent() != convertedAt.isPresent()) {
            throw new IllegalArgumentException("firstOrderId and convertedAt must be both present or both empty");
        }
    }

    /**
     * This link, if it is a claim not converted yet (what {@link CampaignStore#saveReferral} saves).
     *
     * @throws IllegalArgumentException naming the programme and the conversion otherwise
     */
    ReferralLink requireUnconverted() {
        if (converted()) {
            throw new IllegalArgumentException("referral link in programme '" + programId + "' must not be converted yet"
                    + " (first order '" + firstOrderId.get() + "' at " + convertedAt.get()
                    + "): save the claim, then markConverted");
        }
        return this;
    }

    /** True once the invitee's first order landed within the window. */
    public boolean converted() {
        return convertedAt.isPresent();
    }
}
