package dev.o2o.examples.serve;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.o2o.core.identity.IdentityConfig;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.IdentityStore;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileStore;
import dev.o2o.loyalty.coupon.CouponService;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.coupon.ValidationOptions;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.MemberStore;
import dev.o2o.loyalty.points.PointsLedger;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * Every call to the library's store factories, in one place: the connection pool, the identity
 * graph, the points ledger, the coupon store and service, the member store and the profile store,
 * all on one database, each with its own table prefix. An integrator replaces this class with their own set-up; the rest of the
 * service only sees the stores.
 *
 * <p>Not thread-safe while opening; the opened stores are thread-safe.
 */
final class Wiring implements AutoCloseable {

    final HikariDataSource dataSource;
    final IdentityGraph identities;
    final PointsLedger ledger;
    final CouponStore couponStore;
    final CouponService coupons;
    final MemberStore members;
    final ProfileStore profiles;

    private Wiring(HikariDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        IdentityStore identityStore = IdentityStore.jdbc(dataSource, "ident_");
        identityStore.createSchema();                  // CREATE ... IF NOT EXISTS: safe at every start
        this.identities = IdentityGraph.open(identityStore, IdentityConfig.defaults());
        LedgerStore ledgerStore = LedgerStore.jdbc(dataSource, "points_");
        ledgerStore.createSchema();
        this.ledger = PointsLedger.create(ledgerStore, clock);
        this.couponStore = CouponStore.jdbc(dataSource, "coupon_");
        couponStore.createSchema();
        this.coupons = CouponService.create(Catalog.coupons(), couponStore, clock, ValidationOptions.defaults());
        this.members = MemberStore.jdbc(dataSource, "member_");
        members.createSchema();
        this.profiles = ProfileStore.jdbc(dataSource, "profile_", ProfileConfig.defaults());
        profiles.createSchema();
    }

    /**
     * Opens the stores on {@code jdbcUrl} (H2 or PostgreSQL), creating their tables where absent.
     *
     * @param poolSize connections kept open; each request holds at most one at a time
     */
    static Wiring open(String jdbcUrl, int poolSize, Clock clock) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2Tuned(jdbcUrl));
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("o2o-serve");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            return new Wiring(ds, clock);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /**
     * H2 settings the stores want (see {@link LedgerStore#jdbc}): a statement cache large enough
     * for one ledger transaction, and a lock timeout long enough for 50 concurrent writers.
     */
    private static String h2Tuned(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String tuned = url;
        if (!url.toUpperCase(Locale.ROOT).contains("QUERY_CACHE_SIZE")) {
            tuned += ";QUERY_CACHE_SIZE=32";
        }
        if (!url.toUpperCase(Locale.ROOT).contains("LOCK_TIMEOUT")) {
            tuned += ";LOCK_TIMEOUT=10000";
        }
        return tuned;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
