package dev.o2o.risk.signals;

import dev.o2o.core.Ids;
import dev.o2o.risk.CustomerResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Identity-graph signals over observations an integrator collects (which accounts used which
 * devices, who holds which coupons, referrals, points transfers), with the identity graph's
 * clusters through a {@link CustomerResolver}. Shared devices are evidence, flagged here; nothing
 * is merged (merging on a shared family tablet would join strangers).
 *
 * <p>Not thread-safe: fill it from one thread (or guard it), then read the signals; the signal
 * methods do not change it.
 */
public final class GraphSignals {

    /** Codes of the signals. */
    public static final String DEVICE_ACCOUNTS = "DEVICE_ACCOUNTS";
    /** Codes of the signals. */
    public static final String ACCOUNT_DEVICES = "ACCOUNT_DEVICES";
    /** Codes of the signals. */
    public static final String CLUSTER_COUPON_HOLDINGS = "CLUSTER_COUPON_HOLDINGS";
    /** Codes of the signals. */
    public static final String NEW_ACCOUNT_HIGH_VALUE = "NEW_ACCOUNT_HIGH_VALUE";
    /** Codes of the signals. */
    public static final String SELF_REFERRAL = "SELF_REFERRAL";
    /** Codes of the signals. */
    public static final String TRANSFER_CYCLE = "TRANSFER_CYCLE";

    private final CustomerResolver resolver;
    private final Map<String, Set<String>> accountsByDevice = new TreeMap<>();
    private final Map<String, Set<String>> devicesByAccount = new TreeMap<>();
    private final Map<String, Set<String>> holdersByCoupon = new TreeMap<>();
    private final Map<String, Instant> signedUp = new HashMap<>();
    private final Map<String, Instant> firstRedemption = new HashMap<>();
    private final List<String[]> redemptions = new ArrayList<>();
    private final List<Long> redemptionValues = new ArrayList<>();
    private final List<Instant> redemptionTimes = new ArrayList<>();
    private final List<String[]> referrals = new ArrayList<>();
    private final Map<String, Set<String>> transfers = new TreeMap<>();

    private GraphSignals(CustomerResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Empty observations over the identity graph's clusters as {@code resolver} gives them. */
    public static GraphSignals over(CustomerResolver resolver) {
        return new GraphSignals(resolver);
    }

    /** An account used a device. */
    public GraphSignals deviceUse(String account, String device) {
        Ids.requireId(account, "account");
        Ids.requireId(device, "device");
        accountsByDevice.computeIfAbsent(device, k -> new TreeSet<>()).add(account);
        devicesByAccount.computeIfAbsent(account, k -> new TreeSet<>()).add(device);
        return this;
    }

    /** An account holds (claimed or was issued) a coupon. */
    public GraphSignals holds(String account, String couponId) {
        Ids.requireId(account, "account");
        Ids.requireId(couponId, "couponId");
        holdersByCoupon.computeIfAbsent(couponId, k -> new TreeSet<>()).add(account);
        return this;
    }

    /**
     * An account signed up at an instant, once: the same sign-up observed again changes nothing, and
     * one at another instant is refused, since an account's age is measured from its one sign-up
     * (keeping either would make it look older or younger than the data says).
     *
     * @throws IllegalArgumentException naming the account (masked) and both instants, for a second
     *                                  sign-up or one after a redemption by the account
     */
    public GraphSignals signUp(String account, Instant at) {
        Ids.requireId(account, "account");
        Objects.requireNonNull(at, "at");
        Instant before = signedUp.get(account);
        if (before != null && !before.equals(at)) {
            throw new IllegalArgumentException("account " + Ids.describe(account) + " signed up at " + before
                    + " and again at " + at);
        }
        Instant redeemed = firstRedemption.get(account);
        if (redeemed != null && redeemed.isBefore(at)) {
            throw beforeSignUp(account, redeemed, at);
        }
        signedUp.put(account, at);
        return this;
    }

    /**
     * An account redeemed a coupon of {@code discountMinor} minor units at an instant, not before
     * its sign-up if it has one (such a redemption was once skipped when judging new accounts).
     */
    public GraphSignals redemption(String account, String couponId, long discountMinor, Instant at) {
        Ids.requireId(account, "account");
        Ids.requireId(couponId, "couponId");
        if (discountMinor < 0) {
            throw new IllegalArgumentException("discountMinor must not be negative: " + discountMinor);
        }
        Objects.requireNonNull(at, "at");
        Instant born = signedUp.get(account);
        if (born != null && at.isBefore(born)) {
            throw beforeSignUp(account, at, born);
        }
        firstRedemption.merge(account, at, (a, b) -> a.isBefore(b) ? a : b);
        redemptions.add(new String[] {account, couponId});
        redemptionValues.add(discountMinor);
        redemptionTimes.add(at);
        return this;
    }

    private static IllegalArgumentException beforeSignUp(String account, Instant redeemed, Instant born) {
        return new IllegalArgumentException("account " + Ids.describe(account) + " redeemed at " + redeemed
                + ", before its sign-up at " + born);
    }

    /** An inviter was rewarded for an invitee. */
    public GraphSignals referral(String inviter, String invitee) {
        referrals.add(new String[] {Ids.requireId(inviter, "inviter"), Ids.requireId(invitee, "invitee")});
        return this;
    }

    /** Points moved from one account to another. */
    public GraphSignals transfer(String from, String to) {
        Ids.requireId(from, "from");
        Ids.requireId(to, "to");
        transfers.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
        transfers.computeIfAbsent(to, k -> new TreeSet<>());
        return this;
    }

    private static void atLeastOne(int threshold, String name) {
        if (threshold < 2) {
            throw new IllegalArgumentException(name + " must be at least 2: " + threshold);
        }
    }

    /** Devices used by at least {@code threshold} accounts (keys: the device, then the accounts). */
    public List<Signal> accountsPerDevice(int threshold) {
        atLeastOne(threshold, "threshold");
        return fanOut(accountsByDevice, threshold, DEVICE_ACCOUNTS, "accounts on one device");
    }

    /** Accounts seen on at least {@code threshold} devices (keys: the account, then the devices). */
    public List<Signal> devicesPerAccount(int threshold) {
        atLeastOne(threshold, "threshold");
        return fanOut(devicesByAccount, threshold, ACCOUNT_DEVICES, "devices of one account");
    }

    private static List<Signal> fanOut(Map<String, Set<String>> map, int threshold, String code, String what) {
        List<Signal> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : map.entrySet()) {
            if (e.getValue().size() >= threshold) {
                List<String> keys = new ArrayList<>();
                keys.add(e.getKey());
                keys.addAll(e.getValue());
                out.add(new Signal(code, keys, e.getValue().size(), threshold,
                        e.getValue().size() + " " + what + ", threshold " + threshold));
            }
        }
        return out;
    }

    /**
     * Coupons that one resolved customer holds through at least {@code threshold} different
     * accounts (keys: the coupon, the customer, then the accounts).
     */
    public List<Signal> couponsAcrossAccounts(int threshold) {
        atLeastOne(threshold, "threshold");
        List<Signal> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : holdersByCoupon.entrySet()) {
            Map<String, Set<String>> byCustomer = new TreeMap<>();
            for (String account : e.getValue()) {
                byCustomer.computeIfAbsent(resolver.customerOf(account), k -> new TreeSet<>()).add(account);
            }
            for (Map.Entry<String, Set<String>> c : byCustomer.entrySet()) {
                if (c.getValue().size() >= threshold) {
                    List<String> keys = new ArrayList<>(List.of(e.getKey(), c.getKey()));
                    keys.addAll(c.getValue());
                    out.add(new Signal(CLUSTER_COUPON_HOLDINGS, keys, c.getValue().size(), threshold,
                            "one customer holds the coupon through " + c.getValue().size() + " accounts, threshold " + threshold));
                }
            }
        }
        return out;
    }

    /**
     * Redemptions of at least {@code minDiscountMinor} by accounts younger than {@code maxAge} at
     * the redemption (keys: the account, the coupon). Accounts without a sign-up are not judged.
     */
    public List<Signal> newAccountsRedeemingHighValue(Duration maxAge, long minDiscountMinor) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        if (minDiscountMinor <= 0) {
            throw new IllegalArgumentException("minDiscountMinor must be positive: " + minDiscountMinor);
        }
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < redemptions.size(); i++) {
            String account = redemptions.get(i)[0];
            Instant born = signedUp.get(account);
            long value = redemptionValues.get(i);
            if (born == null || value < minDiscountMinor) {
                continue;
            }
            Duration age = Duration.between(born, redemptionTimes.get(i));
            if (age.compareTo(maxAge) < 0) {
                out.add(new Signal(NEW_ACCOUNT_HIGH_VALUE, List.of(account, redemptions.get(i)[1]), value,
                        minDiscountMinor, "a " + age.toMinutes() + "-minute-old account redeemed " + value
                        + " minor units (threshold " + minDiscountMinor + ", age under " + maxAge + ")"));
            }
        }
        return out;
    }

    /**
     * Referrals whose inviter and invitee are one resolved customer or used a common device (keys:
     * inviter, invitee). The evidence is in the detail; identities are not merged.
     */
    public List<Signal> selfReferrals() {
        List<Signal> out = new ArrayList<>();
        for (String[] r : referrals) {
            boolean sameCustomer = resolver.customerOf(r[0]).equals(resolver.customerOf(r[1]));
            Set<String> common = new TreeSet<>(devicesByAccount.getOrDefault(r[0], Set.of()));
            common.retainAll(devicesByAccount.getOrDefault(r[1], Set.of()));
            if (sameCustomer || !common.isEmpty()) {
                String why = sameCustomer && !common.isEmpty() ? "one customer in the identity graph and "
                        + common.size() + " shared device(s)" : sameCustomer ? "one customer in the identity graph"
                        : common.size() + " shared device(s)";
                out.add(new Signal(SELF_REFERRAL, List.of(r[0], r[1]), sameCustomer ? 1 : common.size(), 1,
                        "inviter and invitee: " + why));
            }
        }
        return out;
    }

    /**
     * Groups of accounts that pass points around in a cycle: the strongly connected components of
     * the transfer graph with more than one account, or an account that sent points to itself
     * (Tarjan's algorithm; keys: the accounts, sorted). The value is the number of accounts, the
     * threshold 2 for a group and 1 for an account on its own.
     */
    public List<Signal> transferCycles() {
        List<Signal> out = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        int[] counter = {0};
        for (String v : transfers.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, index, low, stack, onStack, counter, out);
            }
        }
        return out;
    }

    /** Tarjan's SCC, iterative so that long chains do not overflow the stack. */
    private void strongConnect(String root, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                               Set<String> onStack, int[] counter, List<Signal> out) {
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {root, new ArrayList<>(transfers.get(root)).iterator()});
        index.put(root, counter[0]);
        low.put(root, counter[0]++);
        stack.push(root);
        onStack.add(root);
        while (!work.isEmpty()) {
            Object[] frame = work.peek();
            String v = (String) frame[0];
            @SuppressWarnings("unchecked")
            Iterator<String> it = (Iterator<String>) frame[1];
            if (it.hasNext()) {
                String w = it.next();
                if (!index.containsKey(w)) {
                    index.put(w, counter[0]);
                    low.put(w, counter[0]++);
                    stack.push(w);
                    onStack.add(w);
                    work.push(new Object[] {w, new ArrayList<>(transfers.get(w)).iterator()});
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
                continue;
            }
            work.pop();
            if (!work.isEmpty()) {
                String parent = (String) work.peek()[0];
                low.put(parent, Math.min(low.get(parent), low.get(v)));
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    out.add(new Signal(TRANSFER_CYCLE, List.copyOf(component), component.size(), 2,
                            component.size() + " accounts pass points around in a cycle"));
                } else if (transfers.get(v).contains(v)) {
                    // a cycle of one account: its threshold is 1, so that the figure reaches it as a signal's must
                    out.add(new Signal(TRANSFER_CYCLE, List.of(v), 1, 1, "an account sent points to itself"));
                }
            }
        }
    }
}
