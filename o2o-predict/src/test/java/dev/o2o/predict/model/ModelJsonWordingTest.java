package dev.o2o.predict.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 23: model JSON that does not parse is described in our words, not Jackson's. */
class ModelJsonWordingTest {

    @Test
    void malformedModelJsonInOurWords() {
        IllegalArgumentException gbm = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fromJson("{format: 1}"));
        assertEquals("not JSON: is not well-formed JSON at column 2", gbm.getMessage());
        IllegalArgumentException xgb = assertThrows(IllegalArgumentException.class,
                () -> XgboostModel.fromJson("{\"learner\": {"));
        assertEquals("not JSON: ends before the JSON value is complete at column 14", xgb.getMessage());
    }
}
