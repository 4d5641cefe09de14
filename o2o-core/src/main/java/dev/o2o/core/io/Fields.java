package dev.o2o.core.io;

import java.util.Map;
import java.util.Optional;

/** Named string fields of one record, whatever the input format. */
interface Fields {

    /** The value of a field; empty when absent or blank. */
    Optional<String> get(String name);

    /** Fields that are not o2o columns, kept as touchpoint attributes. */
    Map<String, String> extras();

    default String require(String name) {
        return get(name).orElseThrow(() -> new BadRecord(name, "is missing"));
    }
}
