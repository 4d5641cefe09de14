package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * What a coupon takes off: one of five kinds. Amounts are {@link Money} below
 * {@link Money#TEXT_LIMIT} (10<sup>12</sup> in major units; checked when built, naming the field); a coupon only applies to carts in the same
 * currency.
 *
 * <p>All implementations are immutable and thread-safe records.
 */
public sealed interface Discount
        permits Discount.Threshold, Discount.Rate, Discount.FixedAmount, Discount.FixedPrice, Discount.FreeGift {

    /** The kind of discount, for reports. */
    Kind kind();

    /** The currency of the discount's amounts, if it has any (a rate or a gift has none). */
    default Optional<Currency> currency() {
        return Optional.empty();
    }

    /** The kinds of discount. */
    enum Kind {
        /** Spend X, save Y. */
        THRESHOLD,
        /** Pay a share of the price. */
        RATE,
        /** A fixed amount off. */
        FIXED_AMOUNT,
        /** One SKU at a fixed unit price. */
        FIXED_PRICE,
        /** Units of one SKU for free. */
        FREE_GIFT
    }

    /**
     * "Spend {@code spend}, save {@code save}" on the eligible lines.
     *
     * @param spend the threshold, positive
     * @param save  the amount off, positive and less than {@code spend}
     */
    record Threshold(Money spend, Money save) implements Discount {
        public Threshold {
            Check.amount(spend, "threshold spend");
            Check.amount(save, "threshold save");
            if (!spend.currency().equals(save.currency())) {
                throw new IllegalArgumentException("threshold spend " + spend + " and save " + save + " differ in currency");
            }
            if (!spend.isPositive()) {
                throw new IllegalArgumentException("threshold spend must be positive: " + spend);
            }
            if (!save.isPositive()) {
                throw new IllegalArgumentException("threshold save must be positive: " + save);
            }
            if (save.compareTo(spend) >= 0) {
                throw new IllegalArgumentException("threshold save " + save + " must be less than spend " + spend);
            }
        }

        @Override
        public Kind kind() {
            return Kind.THRESHOLD;
        }

        @Override
        public Optional<Currency> currency() {
            return Optional.of(spend.currency());
        }
    }

    /**
     * Pay {@code payShare} of the eligible amount ("0.9" is 10% off).
     *
     * @param payShare share of the price paid, strictly between 0 and 1, at most {@value #MAX_RATE_SCALE} fraction digits
     */
    record Rate(BigDecimal payShare) implements Discount {
        /** The most fraction digits of a share ("0.333333333" is fine, a thousand digits are not). */
        public static final int MAX_RATE_SCALE = 9;

        public Rate {
            Objects.requireNonNull(payShare, "payShare");
            // compared before printed: a share like 1e999999999 is quoted by its first digits only
            if (payShare.signum() <= 0 || payShare.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("rate payShare must be strictly between 0 and 1: "
                        + payShare.round(new MathContext(4)));
            }
            if (payShare.stripTrailingZeros().scale() > MAX_RATE_SCALE) {
                throw new IllegalArgumentException("rate payShare must have at most " + MAX_RATE_SCALE
                        + " fraction digits: " + payShare.round(new MathContext(MAX_RATE_SCALE + 2)) + "...");
            }
        }

        /** The share taken off, {@code 1 - payShare}. */
        public BigDecimal offShare() {
            return BigDecimal.ONE.subtract(payShare);
        }

        @Override
        public Kind kind() {
            return Kind.RATE;
        }
    }

    /**
     * A fixed amount off the eligible lines (never more than they cost).
     *
     * @param amount the amount, positive
     */
    record FixedAmount(Money amount) implements Discount {
        public FixedAmount {
            Check.amount(amount, "fixed amount");
            if (!amount.isPositive()) {
                throw new IllegalArgumentException("fixed amount must be positive: " + amount);
            }
        }

        @Override
        public Kind kind() {
            return Kind.FIXED_AMOUNT;
        }

        @Override
        public Optional<Currency> currency() {
            return Optional.of(amount.currency());
        }
    }

    /**
     * Every eligible unit of one SKU at a fixed unit price (lines already cheaper get nothing).
     *
     * @param sku       the SKU
     * @param unitPrice the price per unit, not negative
     */
    record FixedPrice(String sku, Money unitPrice) implements Discount {
        public FixedPrice {
            Check.id(sku, "fixed price sku");
            Check.amount(unitPrice, "fixed price unitPrice");
            if (unitPrice.isNegative()) {
                throw new IllegalArgumentException("fixed price for sku '" + sku + "' must not be negative: " + unitPrice);
            }
        }

        @Override
        public Kind kind() {
            return Kind.FIXED_PRICE;
        }

        @Override
        public Optional<Currency> currency() {
            return Optional.of(unitPrice.currency());
        }
    }

    /**
     * Up to {@code quantity} units of a gift SKU free; the gift must be in the cart.
     *
     * @param sku      the gift SKU
     * @param quantity units given free, at least 1
     */
    record FreeGift(String sku, int quantity) implements Discount {
        public FreeGift {
            Check.id(sku, "free gift sku");
            if (quantity < 1) {
                throw new IllegalArgumentException("free gift quantity for sku '" + sku + "' must be at least 1: " + quantity);
            }
        }

        @Override
        public Kind kind() {
            return Kind.FREE_GIFT;
        }
    }
}
