package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.FrameCsv;
import dev.o2o.predict.data.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XgboostModelTest {

    static String resource(String name) throws IOException {
        try (InputStream in = XgboostModelTest.class.getResourceAsStream("/dev/o2o/predict/reference/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Frame csv(String name, Schema schema) throws IOException {
        try (InputStream in = XgboostModelTest.class.getResourceAsStream("/dev/o2o/predict/reference/" + name)) {
            return FrameCsv.read(new InputStreamReader(in, StandardCharsets.UTF_8), name, schema);
        }
    }

    @Test
    void predictionsEqualXgboosts() throws IOException {
        Frame data = csv("xgb_data.csv", Schema.builder().numeric("f0", "f1", "f2", "f3", "f4").build());
        for (String name : List.of("logistic", "squared")) {
            XgboostModel m = XgboostModel.fromJson(resource("xgb_" + name + ".json"));
            assertEquals(List.of("f0", "f1", "f2", "f3", "f4"), m.features());
            double[] expected = csv("xgb_" + name + "_pred.csv", Schema.builder().numeric("prediction").build())
                    .numeric("prediction");
            assertEquals(600, expected.length);
            int missingRows = 0;
            for (int i = 0; i < expected.length; i++) {
                double[] row = new double[5];
                for (int j = 0; j < 5; j++) {
                    row[j] = data.numeric("f" + j)[i];
                    missingRows += Double.isNaN(row[j]) ? 1 : 0;
                }
                assertEquals(expected[i], m.predict(row), 1e-6, name + " row " + i);
            }
            assertTrue(missingRows > 100, "the data exercise default directions");
        }
    }

    @Test
    void refusesWhatItCannotScore() throws IOException {
        String json = resource("xgb_logistic.json");
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"binary:logistic\"", "\"multi:softprob\"")));
        assertTrue(o.getMessage().contains("multi:softprob"), o.getMessage());
        assertThrows(IllegalArgumentException.class, () -> XgboostModel.fromJson("{\"learner\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> XgboostModel.fromJson("not json"));
        XgboostModel m = XgboostModel.fromJson(json);
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[3]));
    }
    /**
     * base_score is a probability for the logistic objectives: 1.5 gave a NaN base margin and every
     * prediction NaN, 1 an infinite margin and every prediction 1.0, without a word; a base_score
     * that does not parse threw Float's bare "empty String".
     */
    @Test
    void refusesABaseScoreOutsideItsRange() throws IOException {
        String json = resource("xgb_logistic.json");
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"base_score\":\"5E-1\"", "\"base_score\":\"1.5E0\"")));
        assertEquals("XGBoost base_score must be in (0, 1) for objective binary:logistic: 1.5", high.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"base_score\":\"5E-1\"", "\"base_score\":\"1E0\"")));
        assertEquals("XGBoost base_score must be in (0, 1) for objective binary:logistic: 1.0", one.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"base_score\":\"5E-1\",", "")));
        assertEquals("XGBoost base_score is not a number: ''", none.getMessage());
        String squared = resource("xgb_squared.json");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(squared.replace("\"base_score\":\"5E-1\"", "\"base_score\":\"NaN\"")));
        assertEquals("XGBoost base_score must be finite for objective reg:squarederror: NaN", nan.getMessage());
    }

    /**
     * num_feature, num_class and num_target that do not parse threw Integer's bare
     * NumberFormatException ("For input string: ..."), a missing num_feature the same for "";
     * a negative num_feature was taken and every split then refused as "bad split".
     */
    @Test
    void refusesACountFieldThatIsNotANonNegativeInteger() throws IOException {
        String json = resource("xgb_logistic.json");
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"num_feature\":\"5\"", "\"num_feature\":\"five\"")));
        assertEquals("XGBoost num_feature is not a non-negative integer: 'five'", text.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace(",\"num_feature\":\"5\"", "")));
        assertEquals("XGBoost num_feature is not a non-negative integer: ''", none.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"num_feature\":\"5\"", "\"num_feature\":\"-5\"")));
        assertEquals("XGBoost num_feature is not a non-negative integer: '-5'", negative.getMessage());
        IllegalArgumentException numClass = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"num_class\":\"0\"", "\"num_class\":\"1.5\"")));
        assertEquals("XGBoost num_class is not a non-negative integer: '1.5'", numClass.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson(json.replace("\"num_target\":\"1\"", "\"num_target\":\"x\"")));
        assertEquals("XGBoost num_target is not a non-negative integer: 'x'", target.getMessage());
        assertEquals(5, XgboostModel.fromJson(json).features().size());
    }
}
