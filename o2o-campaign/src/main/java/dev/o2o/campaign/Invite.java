package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An invite code of a referral programme and who owns it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code      the code
 * @param programId the programme
 * @param inviter   the owner
 * @param createdAt when it was created
 */
public record Invite(String code, String programId, CustomerKey inviter, Instant createdAt) {

    public Invite {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(inviter, "inviter");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
