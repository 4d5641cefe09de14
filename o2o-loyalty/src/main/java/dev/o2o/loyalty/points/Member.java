package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.math.BigDecimal;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What earning rules may know about a member.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key            the member
 * @param zone           the member's time zone: days, months, birthdays and member days are in it
 * @param birthday       month and day of birth, if known
 * @param tier           id of the current tier
 * @param tierMultiplier the tier's earning multiplier, at least 1 (for example 1.5)
 * @param tags           profile tags
 * @param purchases      completed purchases before the one being evaluated
 */
public record Member(CustomerKey key, ZoneId zone, Optional<MonthDay> birthday, String tier,
                     BigDecimal tierMultiplier, Set<String> tags, long purchases) {

    public Member {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(birthday, "birthday");
        Ids.requireId(tier, "tier");
        Objects.requireNonNull(tierMultiplier, "tierMultiplier");
        if (tierMultiplier.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("tierMultiplier of member '" + key + "' must be at least 1: "
                    + tierMultiplier.toPlainString());
        }
        tags = Set.copyOf(tags);
        Checks.nonNegative(purchases, "purchases");
    }

    /** A member of tier {@code "base"} (multiplier 1) without birthday, tags or purchases. */
    public static Member of(CustomerKey key, ZoneId zone) {
        return new Member(key, zone, Optional.empty(), "base", BigDecimal.ONE, Set.of(), 0);
    }

    public Member withBirthday(MonthDay day) {
        return new Member(key, zone, Optional.of(day), tier, tierMultiplier, tags, purchases);
    }

    public Member withTier(String tierId, BigDecimal multiplier) {
        return new Member(key, zone, birthday, tierId, multiplier, tags, purchases);
    }

    public Member withPurchases(long count) {
        return new Member(key, zone, birthday, tier, tierMultiplier, tags, count);
    }

    public Member withTags(Set<String> newTags) {
        return new Member(key, zone, birthday, tier, tierMultiplier, newTags, purchases);
    }
}
