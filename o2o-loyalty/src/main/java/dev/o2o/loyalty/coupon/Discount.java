package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a coupon takes off: one of ten kinds. Amount kinds (thresholds, tiers, repeating thresholds,
 * fixed amount, rate) spread their saving over the eligible lines; unit kinds (N-th item, buy X get
 * Y, fixed price, free gift) discount particular units; a cross-channel voucher takes nothing off
 * and earns an in-store voucher. Amounts are {@link Money} below
 * {@link Money#TEXT_LIMIT} (10<sup>12</sup> in major units; checked when built, naming the field); a coupon only applies to carts in the same
 * currency.
 *
 * <p>All implementations are immutable and thread-safe records.
 */
public sealed interface Discount
        permits Discount.Threshold, Discount.Rate, Discount.FixedAmount, Discount.FixedPrice, Discount.FreeGift,
        Discount.Tiered, Discount.Repeating, Discount.NthItem, Discount.BuyXGetY, Discount.CrossChannelVoucher {

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
        FREE_GIFT,
        /** Spend tiers, the highest reached saves. */
        TIERED,
        /** Every full step of spend saves, up to a cap. */
        REPEATING,
        /** Every N-th eligible unit at a share of its price. */
        NTH_ITEM,
        /** Buy X eligible units, get Y free. */
        BUY_X_GET_Y,
        /** Online spend earns an in-store voucher. */
        CROSS_CHANNEL_VOUCHER
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

    /**
     * Spend tiers: the highest tier the eligible amount reaches saves its amount ("spend 100 save
     * 10, spend 200 save 30": 250 saves 30, 199.99 saves 10, 99.99 is below the threshold).
     *
     * @param tiers at least one, spends and saves both strictly increasing, each save less than its spend, one currency
     */
    record Tiered(List<Threshold> tiers) implements Discount {
        public Tiered {
            Objects.requireNonNull(tiers, "tiers");
            tiers = List.copyOf(tiers);
            if (tiers.isEmpty()) {
                throw new IllegalArgumentException("tiered tiers must not be empty");
            }
            for (int i = 1; i < tiers.size(); i++) {
                Threshold before = tiers.get(i - 1);
                Threshold t = tiers.get(i);
                if (!t.spend().currency().equals(before.spend().currency())) {
                    throw new IllegalArgumentException("tiered tier " + i + " spend " + t.spend()
                            + " differs in currency from tier 0");
                }
                if (t.spend().compareTo(before.spend()) <= 0) {
                    throw new IllegalArgumentException("tiered tier " + i + " spend " + t.spend()
                            + " must be above tier " + (i - 1) + " spend " + before.spend());
                }
                if (t.save().compareTo(before.save()) <= 0) {
                    throw new IllegalArgumentException("tiered tier " + i + " save " + t.save()
                            + " must be above tier " + (i - 1) + " save " + before.save());
                }
            }
        }

        /** The lowest spend that saves anything. */
        public Money lowestSpend() {
            return tiers.get(0).spend();
        }

        @Override
        public Kind kind() {
            return Kind.TIERED;
        }

        @Override
        public Optional<Currency> currency() {
            return Optional.of(lowestSpend().currency());
        }
    }

    /**
     * Every full {@code every} of eligible spend saves {@code save}, at most {@code maxSave} in all
     * ("every 100 save 10, at most 50": 350 saves 30, 780 saves 50).
     *
     * @param every   the step, positive
     * @param save    saved per step, positive and less than {@code every}
     * @param maxSave the cap, at least {@code save}
     */
    record Repeating(Money every, Money save, Money maxSave) implements Discount {
        public Repeating {
            Check.amount(every, "repeating every");
            Check.amount(save, "repeating save");
            Check.amount(maxSave, "repeating maxSave");
            if (!every.currency().equals(save.currency()) || !every.currency().equals(maxSave.currency())) {
                throw new IllegalArgumentException("repeating every " + every + ", save " + save + " and maxSave "
                        + maxSave + " differ in currency");
            }
            if (!save.isPositive()) {
                throw new IllegalArgumentException("repeating save must be positive: " + save);
            }
            if (save.compareTo(every) >= 0) {
                throw new IllegalArgumentException("repeating save " + save + " must be less than every " + every);
            }
            if (maxSave.compareTo(save) < 0) {
                throw new IllegalArgumentException("repeating maxSave " + maxSave + " must be at least save " + save);
            }
        }

        @Override
        public Kind kind() {
            return Kind.REPEATING;
        }

        @Override
        public Optional<Currency> currency() {
            return Optional.of(every.currency());
        }
    }

    /**
     * Every {@code n}-th eligible unit at {@code payShare} of its price ("second item half price" is
     * {@code n = 2}, {@code payShare = 0.5}). Units are ranked by what one unit of their line costs,
     * dearest first; of each full group of {@code n} the last (the cheapest) is discounted. Each line's
     * saving is rounded to the currency's minor unit with the validator's rounding mode.
     *
     * @param n        the group size, at least 2
     * @param payShare share of the price paid for the discounted unit, in [0, 1), at most {@value Rate#MAX_RATE_SCALE} fraction digits
     */
    record NthItem(int n, BigDecimal payShare) implements Discount {
        public NthItem {
            if (n < 2) {
                throw new IllegalArgumentException("n-th item n must be at least 2: " + n);
            }
            Objects.requireNonNull(payShare, "payShare");
            if (payShare.signum() < 0 || payShare.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("n-th item payShare must be in [0, 1): " + payShare.round(new MathContext(4)));
            }
            if (payShare.stripTrailingZeros().scale() > Rate.MAX_RATE_SCALE) {
                throw new IllegalArgumentException("n-th item payShare must have at most " + Rate.MAX_RATE_SCALE
                        + " fraction digits: " + payShare.round(new MathContext(Rate.MAX_RATE_SCALE + 2)) + "...");
            }
        }

        @Override
        public Kind kind() {
            return Kind.NTH_ITEM;
        }
    }

    /**
     * Buy {@code buy} eligible units, get {@code get} more free: units ranked dearest first, of each
     * full group of {@code buy + get} the last {@code get} (the cheapest) are free. A group that is
     * not full gives nothing (the free units must be in the cart).
     *
     * @param buy units paid per group, at least 1
     * @param get units free per group, at least 1
     */
    record BuyXGetY(int buy, int get) implements Discount {
        public BuyXGetY {
            if (buy < 1) {
                throw new IllegalArgumentException("buy X get Y buy must be at least 1: " + buy);
            }
            if (get < 1) {
                throw new IllegalArgumentException("buy X get Y get must be at least 1: " + get);
            }
            if ((long) buy + get > 1000) {
                throw new IllegalArgumentException("buy X get Y group buy + get must be at most 1000: " + buy + " + " + get);
            }
        }

        @Override
        public Kind kind() {
            return Kind.BUY_X_GET_Y;
        }
    }

    /**
     * The cross-channel gift voucher: an online order whose eligible amount reaches {@code spend}
     * earns an in-store voucher ({@code voucherTemplateId}, worth {@code voucherValue}) and takes
     * nothing off this order. Valid only online (otherwise {@link ReasonCode#CHANNEL_NOT_ALLOWED});
     * below the spend, {@link ReasonCode#MIN_SPEND_NOT_REACHED}. A valid result is the signal for the
     * host to issue the voucher ({@code CouponService.issue}); {@link StackResult#vouchersEarned}
     * lists them for a stack. The best-combination search leaves it out (it saves nothing here).
     *
     * @param spend             the online spend that earns the voucher, positive
     * @param voucherTemplateId the in-store coupon to issue
     * @param voucherValue      its face value, positive, in the spend's currency
     */
    record CrossChannelVoucher(Money spend, String voucherTemplateId, Money voucherValue) implements Discount {
        public CrossChannelVoucher {
            Check.amount(spend, "cross-channel voucher spend");
            Check.id(voucherTemplateId, "cross-channel voucher voucherTemplateId");
            Check.amount(voucherValue, "cross-channel voucher voucherValue");
            if (!spend.isPositive()) {
                throw new IllegalArgumentException("cross-channel voucher spend must be positive: " + spend);
            }
            if (!voucherValue.isPositive()) {
                throw new IllegalArgumentException("cross-channel voucher voucherValue must be positive: " + voucherValue);
            }
            if (!spend.currency().equals(voucherValue.currency())) {
                throw new IllegalArgumentException("cross-channel voucher spend " + spend + " and voucherValue "
                        + voucherValue + " differ in currency");
            }
        }

        @Override
        public Kind kind() {
            return Kind.CROSS_CHANNEL_VOUCHER;
        }

        @Override
        public Optional<Currency> currency() {
            return Optional.of(spend.currency());
        }
    }
}
