package dev.o2o.examples.cli;

/** Output formats of the commands. */
enum Format {
    csv, json
}
