package dev.o2o.predict.uplift;

import dev.o2o.core.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Chooses whom to send which offer: each customer's best offer by expected incremental margin
 * ({@code effect × margin per response − offer cost}, rounded half-even to the currency's scale),
 * customers ranked by it, taken in that order while it is positive and the offer's cost fits in
 * what is left of the budget (a customer whose offer does not fit is passed over, cheaper ones
 * below may still fit). Ties keep customer order.
 *
 * <p>Stateless and thread-safe.
 */
public final class Targeting {
    private Targeting() {
    }

    /**
     * An offer, i.e. one treatment.
     *
     * @param name              the offer's name
     * @param cost              what sending it costs (coupon face value expected to be redeemed, message cost...)
     * @param marginPerResponse the margin one incremental response brings
     */
    public record Offer(String name, Money cost, Money marginPerResponse) {
        /** Refuses negative amounts and mixed currencies. */
        public Offer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cost, "cost");
            Objects.requireNonNull(marginPerResponse, "marginPerResponse");
            if (cost.isNegative() || marginPerResponse.isNegative()) {
                throw new IllegalArgumentException("offer " + name + ": cost and margin must be >= 0: " + cost + ", "
                        + marginPerResponse);
            }
            if (!cost.currency().equals(marginPerResponse.currency())) {
                throw new IllegalArgumentException("offer " + name + ": cost in " + cost.currency() + ", margin in "
                        + marginPerResponse.currency());
            }
        }
    }

    /**
     * One chosen customer.
     *
     * @param customer       index of the customer in the input
     * @param offer          index of the offer
     * @param expectedNet    expected incremental margin minus cost
     */
    public record Assignment(int customer, int offer, Money expectedNet) {
        /** Validates indexes. */
        public Assignment {
            if (customer < 0 || offer < 0) {
                throw new IllegalArgumentException("indexes must be >= 0: customer " + customer + ", offer " + offer);
            }
            Objects.requireNonNull(expectedNet, "expectedNet");
        }
    }

    /**
     * The plan.
     *
     * @param assignments chosen customers in rank order
     * @param spent       total offer cost
     * @param expectedNet total expected incremental margin minus cost
     */
    public record Plan(List<Assignment> assignments, Money spent, Money expectedNet) {
        /** Copies the list. */
        public Plan {
            assignments = List.copyOf(assignments);
            Objects.requireNonNull(spent, "spent");
            Objects.requireNonNull(expectedNet, "expectedNet");
        }
    }

    /**
     * Plans under a budget.
     *
     * @param effects {@code effects[customer][offer]}: the estimated effect of each offer on the
     *                probability of a response (an uplift model's output)
     * @param offers  the offers, one per effect column
     * @param budget  the most the chosen offers may cost in total
     */
    public static Plan plan(double[][] effects, List<Offer> offers, Money budget) {
        Objects.requireNonNull(budget, "budget");
        if (offers.isEmpty()) {
            throw new IllegalArgumentException("offers must not be empty");
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must be >= 0: " + budget);
        }
        for (Offer o : offers) {
            if (!o.cost().currency().equals(budget.currency())) {
                throw new IllegalArgumentException("offer " + o.name() + " costs " + o.cost().currency()
                        + ", the budget is in " + budget.currency());
            }
        }
        int scale = Money.scaleOf(budget.currency());
        List<Assignment> best = new ArrayList<>();
        for (int c = 0; c < effects.length; c++) {
            if (effects[c].length != offers.size()) {
                throw new IllegalArgumentException("customer " + c + " has " + effects[c].length + " effects for "
                        + offers.size() + " offers");
            }
            Assignment top = null;
            for (int o = 0; o < offers.size(); o++) {
                double e = effects[c][o];
                if (!Double.isFinite(e)) {
                    throw new IllegalArgumentException("effect of offer " + o + " for customer " + c + " is not finite: " + e);
                }
                Offer offer = offers.get(o);
                BigDecimal net = BigDecimal.valueOf(e).multiply(offer.marginPerResponse().amount())
                        .subtract(offer.cost().amount()).setScale(scale, RoundingMode.HALF_EVEN);
                if (top == null || net.compareTo(top.expectedNet().amount()) > 0) {
                    top = new Assignment(c, o, Money.of(net, budget.currency()));
                }
            }
            best.add(top);
        }
        best.sort(Comparator.comparing((Assignment a) -> a.expectedNet().amount()).reversed()
                .thenComparingInt(Assignment::customer));
        Money left = budget;
        Money spent = Money.zero(budget.currency());
        Money total = Money.zero(budget.currency());
        List<Assignment> chosen = new ArrayList<>();
        for (Assignment a : best) {
            if (!a.expectedNet().isPositive()) {
                break;
            }
            Money cost = offers.get(a.offer()).cost();
            if (cost.compareTo(left) <= 0) {
                chosen.add(a);
                left = left.minus(cost);
                spent = spent.plus(cost);
                total = total.plus(a.expectedNet());
            }
        }
        return new Plan(chosen, spent, total);
    }
}
