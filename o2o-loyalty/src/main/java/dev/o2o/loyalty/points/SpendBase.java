package dev.o2o.loyalty.points;

/**
 * Which amount of an order a spend rule earns on ({@link EarningRule#pointsPerAmount},
 * {@link EarningRule#categoryBonus}). The default of the built-in rules is {@link #PAID}: points
 * reward what the customer paid, so a discount or a coupon does not earn points.
 */
public enum SpendBase {
    /** The list amount of each line ({@link dev.o2o.core.OrderLine#total()}), before any discount. */
    LIST,
    /**
     * What was paid for each line ({@link dev.o2o.core.Order#paidByLine()}): after the line's discount
     * and its share of the order discount. The default.
     */
    PAID
}
