package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KebabEnumTest {

    @Test
    void constantsAreSpelledWithDashesAndParsedBack() {
        assertEquals("pareto-nbd", ClvCommand.Model.pareto_nbd.toString());
        assertEquals(ClvCommand.Model.pareto_nbd, new ClvCommand.ModelConverter().convert("pareto-nbd"));
        assertEquals(RecommendCommand.SplitName.leave_last, new RecommendCommand.SplitConverter().convert("leave-last"));
        assertEquals(UpliftCommand.Kind.class_transformation,
                new UpliftCommand.KindConverter().convert("class-transformation"));
        assertEquals(AttributionCommand.Model.last_non_direct,
                new AttributionCommand.ModelConverter().convert("last-non-direct"));
    }

    /** The messages each command wrote before the converters shared one helper, to the byte. */
    @Test
    void anUnknownValueListsEveryChoiceAsBefore() {
        assertEquals("unknown model 'nbd'; expected bgnbd, mbgnbd, pareto-nbd or gamma-gamma",
                refused(new ClvCommand.ModelConverter(), "nbd"));
        assertEquals("unknown split 'sideways'; expected temporal, random or leave-last",
                refused(new RecommendCommand.SplitConverter(), "sideways"));
        assertEquals("unknown learner 'z'; expected s, t, x or class-transformation",
                refused(new UpliftCommand.KindConverter(), "z"));
        assertEquals("unknown model 'magic'; expected first, last, last-non-direct, linear, time-decay, position, "
                + "markov or shapley", refused(new AttributionCommand.ModelConverter(), "magic"));
    }

    private static String refused(CommandLine.ITypeConverter<?> converter, String value) {
        return assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(value)).getMessage();
    }
}
