package dev.o2o.loyalty.tianchi;

import dev.o2o.core.Channel;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.core.io.IngestException;
import dev.o2o.core.test.ReferenceData;
import dev.o2o.loyalty.coupon.Cart;
import dev.o2o.loyalty.coupon.Coupon;
import dev.o2o.loyalty.coupon.CouponValidator;
import dev.o2o.loyalty.coupon.CustomerContext;
import dev.o2o.loyalty.coupon.Discount;
import dev.o2o.loyalty.coupon.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TianchiDataTest {

    @Test
    void parsesThresholdAndRate() {
        assertEquals(new Discount.Threshold(cny("150"), cny("20")), TianchiData.parseDiscount("150:20", TianchiData.CNY));
        assertEquals(new Discount.Rate(new BigDecimal("0.95")), TianchiData.parseDiscount("0.95", TianchiData.CNY));
        assertEquals(Discount.Kind.THRESHOLD, TianchiData.parseDiscount(" 30:5 ", TianchiData.CNY).kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "150:20:00 | more than one ':'",
            "20:30     | must be less than spend",
            "20:20     | must be less than spend",
            "1.5       | strictly between 0 and 1",
            "1         | strictly between 0 and 1",
            "0         | strictly between 0 and 1",
            "''        | empty",
            "abc       | not a plain decimal",
            ":5        | spend is missing",
            "-5:1      | not a plain decimal",
            "10.001:1  | fraction digits",
    })
    void rejectsMalformedWithReason(String notation, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TianchiData.parseDiscount(notation, TianchiData.CNY));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void parsesRowsWithCrlfAndNullDistance() {
        String data = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received\r\n"
                + "4129537,450,9983,30:5,1,20160712\r\n"
                + "6949378,1300,3429,0.9,null,20160706\r\n";
        List<TianchiReceipt> rows = new ArrayList<>();
        assertEquals(2, TianchiData.read(new StringReader(data), "mem", rows::add));
        assertEquals(new TianchiReceipt(4129537, 450, 9983, new Discount.Threshold(cny("30"), cny("5")), OptionalInt.of(1),
                LocalDate.of(2016, 7, 12)), rows.get(0));
        assertEquals(new Discount.Rate(new BigDecimal("0.9")), rows.get(1).discount());
        assertEquals(OptionalInt.empty(), rows.get(1).distance());
    }

    @Test
    void receiptsBecomeCouponDefinitions() {
        TianchiReceipt r = new TianchiReceipt(1, 450, 9983, TianchiData.parseDiscount("30:5", TianchiData.CNY), OptionalInt.of(1),
                LocalDate.of(2016, 7, 12));
        Coupon c = r.toCoupon();
        assertEquals("tianchi-9983", c.id());
        Cart cart = Cart.of(new OrderLine("rice", "grocery", 1, cny("31.00")));
        CustomerContext pos = CustomerContext.of(CustomerKey.of("alice"), Channel.offline("pos"));
        Instant lastDay = LocalDateTime.of(2016, 7, 26, 23, 59).atZone(TianchiReceipt.ZONE).toInstant();
        CouponValidator onLastDay = CouponValidator.create(Clock.fixed(lastDay, TianchiReceipt.ZONE));
        assertEquals(cny("5.00"), onLastDay.validate(c, cart, pos).totalDiscount());
        CouponValidator dayAfter = CouponValidator.create(Clock.fixed(lastDay.plusSeconds(60), TianchiReceipt.ZONE));
        assertEquals(List.of(ReasonCode.EXPIRED), dayAfter.validate(c, cart, pos).codes());
        assertEquals(List.of(ReasonCode.CHANNEL_NOT_ALLOWED), onLastDay.validate(c, cart, CustomerContext.of(CustomerKey.of("alice"), Channel.online("app"))).codes());
    }

    @Test
    void badRowsNameLineAndField() {
        String head = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received\n";
        IngestException e = assertThrows(IngestException.class,
                () -> TianchiData.read(new StringReader(head + "1,2,3,20:30,1,20160712\n"), "f.csv", r -> { }));
        assertEquals("f.csv:2: Discount_rate: discount notation '20:30': save 30 must be less than spend 20",
                e.getMessage());
        e = assertThrows(IngestException.class,
                () -> TianchiData.read(new StringReader(head + "1,2,3,20:5,11,20160712\n"), "f.csv", r -> { }));
        assertEquals("f.csv:2: Distance: '11' is outside 0..10", e.getMessage());
        e = assertThrows(IngestException.class,
                () -> TianchiData.read(new StringReader(head + "1,2,3,20:5,1,20161332\n"), "f.csv", r -> { }));
        assertEquals("f.csv:2: Date_received: '20161332' is not a yyyymmdd date", e.getMessage());
        e = assertThrows(IngestException.class,
                () -> TianchiData.read(new StringReader("a,b\n"), "f.csv", r -> { }));
        assertTrue(e.getMessage().startsWith("f.csv:1: header: expected header User_id,"), e.getMessage());
    }

    @Test
    void purchaseRowsOfTheTrainingShapeAreNotReceipts() {
        String head = "User_id,Merchant_id,Coupon_id,Discount_rate,Distance,Date_received,Date\n";
        List<TianchiReceipt> rows = new ArrayList<>();
        assertEquals(1, TianchiData.read(new StringReader(head + "1,2,3,20:5,1,20160712,20160714\n"), "f.csv",
                rows::add));
        assertEquals(LocalDate.of(2016, 7, 12), rows.get(0).dateReceived());
        IngestException e = assertThrows(IngestException.class, () -> TianchiData.read(
                new StringReader(head + "1,2,3,20:5,1,20160712,null\n1,2,null,null,1,null,20160714\n"), "f.csv", r -> { }));
        assertEquals("f.csv:3: Coupon_id: 'null': a purchase without coupon is not a receipt", e.getMessage());
    }

    @Test
    void realReceiptsParseCompletely() {
        Path file = ReferenceData.fileOrSkip("tianchi/ccf_offline_stage1_test_revised.csv");
        Map<String, Integer> notations = new HashMap<>();
        int[] perDistance = new int[12];
        try (var in = Files.newBufferedReader(file)) {
            long rows = TianchiData.read(in, file.toString(), r -> {
                notations.merge(r.discount().toString(), 1, Integer::sum);
                r.toCoupon();
                perDistance[r.distance().isPresent() ? r.distance().getAsInt() : 11]++;
                assertEquals(2016, r.dateReceived().getYear());
                assertEquals(7, r.dateReceived().getMonthValue());
            });
            assertEquals(113_640, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(42, notations.size(), "42 distinct Discount_rate values (README)");
        assertEquals(59_318, notations.get(new Discount.Threshold(cny("30"), cny("5")).toString()), "most common 30:5");
        assertEquals(12_064, perDistance[11], "\"null\" distances");
        assertEquals(43_867, perDistance[0]);
        assertEquals(10_353, perDistance[10]);

        ReceiptStats s = TianchiData.summarize(file);
        assertEquals(113_640, s.total());
        assertEquals(111_074, s.count(Discount.Kind.THRESHOLD));
        assertEquals(2_566, s.count(Discount.Kind.RATE));
        assertEquals(0.977, s.count(Discount.Kind.THRESHOLD) / (double) s.total(), 0.0005, "README: 97.7% x:y");
        assertEquals(0.106, s.count(DistanceBand.UNKNOWN) / (double) s.total(), 0.0005, "README: 10.6% null");
        // counted independently with awk over the file
        assertEquals(43_001, s.count(Discount.Kind.THRESHOLD, DistanceBand.UNDER_500_M));
        assertEquals(27_333, s.count(Discount.Kind.THRESHOLD, DistanceBand.FROM_500_M_TO_1_5_KM));
        assertEquals(12_535, s.count(Discount.Kind.THRESHOLD, DistanceBand.FROM_1_5_TO_3_KM));
        assertEquals(6_243, s.count(Discount.Kind.THRESHOLD, DistanceBand.FROM_3_TO_5_KM));
        assertEquals(10_068, s.count(Discount.Kind.THRESHOLD, DistanceBand.OVER_5_KM));
        assertEquals(11_894, s.count(Discount.Kind.THRESHOLD, DistanceBand.UNKNOWN));
        assertEquals(866, s.count(Discount.Kind.RATE, DistanceBand.UNDER_500_M));
        assertEquals(170, s.count(Discount.Kind.RATE, DistanceBand.UNKNOWN));
        assertTrue(s.toTable().contains("THRESHOLD"));
    }

    @Test
    void statsMerge() {
        ReceiptStats a = new ReceiptStats();
        ReceiptStats b = new ReceiptStats();
        a.add(Discount.Kind.RATE, DistanceBand.OVER_5_KM);
        b.add(Discount.Kind.RATE, DistanceBand.OVER_5_KM);
        b.add(Discount.Kind.THRESHOLD, DistanceBand.UNKNOWN);
        a.merge(b);
        assertEquals(3, a.total());
        assertEquals(2, a.count(Discount.Kind.RATE, DistanceBand.OVER_5_KM));
        assertEquals(DistanceBand.FROM_3_TO_5_KM, DistanceBand.of(OptionalInt.of(9)));
        assertEquals(DistanceBand.UNKNOWN, DistanceBand.of(OptionalInt.empty()));
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }
}
