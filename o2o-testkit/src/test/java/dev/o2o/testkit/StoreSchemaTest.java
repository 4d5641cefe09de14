package dev.o2o.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.campaign.CampaignStore;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.consent.ConsentStore;
import dev.o2o.core.identity.IdentityStore;
import dev.o2o.core.profile.ProfileConfig;
import dev.o2o.core.profile.ProfileStore;
import dev.o2o.core.test.TestDatabases;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.MemberStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one set-up pattern of every store (#23): {@code X.jdbc(dataSource, tablePrefix)} creates no
 * table, {@code createSchema()} creates them, a second call changes nothing, and the in-memory form
 * accepts the call as a no-op. On H2. (o2o-risk's {@code DecisionStore} is checked the same way in
 * its own tests, since the testkit does not depend on o2o-risk.)
 */
class StoreSchemaTest {

    private static final CustomerKey WHO = CustomerKey.of("schema-1");

    /** A store under test: how to build it, how to read through it, and the tables it must create. */
    private record Kind<S>(String name, BiFunction<DataSource, String, S> jdbc, Supplier<S> inMemory,
                           Consumer<S> createSchema, Consumer<S> read, List<String> tables) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> stores() {
        return Stream.of(
                new Kind<>("LedgerStore", LedgerStore::jdbc, LedgerStore::inMemory, LedgerStore::createSchema,
                        s -> assertEquals(0, s.balance(WHO)),
                        List.of("account", "entry", "lot", "movement", "outcome")),
                new Kind<>("CouponStore", CouponStore::jdbc, CouponStore::inMemory, CouponStore::createSchema,
                        s -> assertTrue(s.find("C-1").isEmpty()),
                        List.of("campaign", "code", "customer_usage", "redemption", "customer_merge", "merge_code")),
                new Kind<>("MemberStore", MemberStore::jdbc, MemberStore::inMemory, MemberStore::createSchema,
                        s -> assertTrue(s.member(WHO).isEmpty()),
                        List.of("member", "evaluation", "earned", "qr_claim")),
                new Kind<>("CampaignStore", (DataSource ds, String p) -> CampaignStore.jdbc(ds, p),
                        CampaignStore::inMemory, CampaignStore::createSchema,
                        s -> assertTrue(s.decision("event-1").isEmpty()),
                        List.of("event", "fire", "daily", "total", "result", "mission", "invite", "referral")),
                new Kind<>("IdentityStore", (DataSource ds, String p) -> IdentityStore.jdbc(ds, p),
                        IdentityStore::inMemory, IdentityStore::createSchema,
                        s -> assertEquals(List.of(), s.identifiers()),
                        List.of("identifier", "link", "merge", "erasure")),
                new Kind<>("ProfileStore", (DataSource ds, String p) -> ProfileStore.jdbc(ds, p, ProfileConfig.defaults()),
                        () -> ProfileStore.inMemory(ProfileConfig.defaults()), ProfileStore::createSchema,
                        s -> assertEquals(List.of(), s.customers()),
                        List.of("profile")),
                new Kind<>("ConsentStore", ConsentStore::jdbc, ConsentStore::inMemory, ConsentStore::createSchema,
                        s -> assertEquals(List.of(), s.history(WHO)),
                        List.of("change"))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    <S> void aStoreCreatesItsTablesOnlyWhenAskedAndTwiceIsHarmless(Kind<S> kind) throws Exception {
        DataSource ds = TestDatabases.h2("schema_" + kind.name().toLowerCase(java.util.Locale.ROOT));
        String prefix = "s_";
        S store = kind.jdbc().apply(ds, prefix);
        assertEquals(List.of(), tables(ds, prefix), "tables after " + kind.name() + ".jdbc(...)");
        assertThrows(RuntimeException.class, () -> kind.read().accept(store), "a read before createSchema()");

        kind.createSchema().accept(store);
        List<String> created = tables(ds, prefix);
        for (String t : kind.tables()) {
            assertTrue(created.contains(prefix + t), kind.name() + " created " + created + ", not " + prefix + t);
        }
        kind.read().accept(store);

        kind.createSchema().accept(store); // again: IF NOT EXISTS, nothing changes and nothing fails
        assertEquals(created, tables(ds, prefix));
        kind.read().accept(store);
        // a second store over the same tables needs no set-up
        kind.read().accept(kind.jdbc().apply(ds, prefix));

        S memory = kind.inMemory().get();
        kind.createSchema().accept(memory); // no schema: a no-op
        kind.read().accept(memory);
    }

    /** The base tables whose (lower-case) names start with {@code prefix}, sorted. */
    private static List<String> tables(DataSource ds, String prefix) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' AND LOWER(TABLE_NAME) LIKE ? ORDER BY 1")) {
            ps.setString(1, prefix.replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
